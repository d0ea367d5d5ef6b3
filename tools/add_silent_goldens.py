"""Record only the silent cases of tools/make_goldens.py (ids "silent/...") into keras.json.

    KERAS_BACKEND=jax .venv-oracle/bin/python tools/add_silent_goldens.py

A full regeneration takes minutes; this runs Keras (jax) on the new cases only and appends them,
keeping every other case of tests/goldens/keras.json as it is.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_goldens import ROOT, SILENT_PREFIX, keras_cases, run_worker, write_json  # noqa: E402


def main():
    path = ROOT / "tests" / "goldens" / "keras.json"
    goldens = json.loads(path.read_text())
    kept = [case for case in goldens["cases"] if not case["id"].startswith(SILENT_PREFIX)]
    new = [case for case in keras_cases() if case["id"].startswith(SILENT_PREFIX)]
    assert all(case["dtype"] == "float32" for case in new)
    results = run_worker("keras", new, {"KERAS_BACKEND": "jax", "JAX_ENABLE_X64": "0"})["results"]
    recorded = [{**{k: v for k, v in case.items() if k != "compare_backends"}, **r}
                for case, r in zip(new, results)]
    write_json(path, goldens["generator"], kept + recorded, goldens["backend_differences"])
    print(f"kept {len(kept)} cases, recorded {len(recorded)} silent cases in {path}")


if __name__ == "__main__":
    main()
