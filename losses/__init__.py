"""Loss Lab's loss engine: Keras 3 losses as exact, step-by-step numpy computations.

Pure numpy: nothing here imports streamlit, pandas or plotly.
"""

# The module, not its compare() function, is losses.compare: a function of that name would hide it.
from losses.compare import Comparison, Difference, Lesson, Pair
from losses.compute import DTYPES, compute
from losses.errors import LossInputError
from losses.numbers import fmt
from losses.parsing import parse_array
from losses.reduction import REDUCTIONS
from losses.registry import ALIASES, FRAMEWORKS, get_spec as spec, names
from losses.spec import FAMILIES, LossSpec, Param
from losses.trace import LossOutput, Note, Recorder, SampleArithmetic, Step, Trace

__all__ = [
    "ALIASES",
    "Comparison",
    "Difference",
    "DTYPES",
    "FAMILIES",
    "FRAMEWORKS",
    "REDUCTIONS",
    "Lesson",
    "LossInputError",
    "LossOutput",
    "LossSpec",
    "Note",
    "Pair",
    "Param",
    "Recorder",
    "SampleArithmetic",
    "Step",
    "Trace",
    "compute",
    "fmt",
    "names",
    "parse_array",
    "spec",
]
