"""Lesson content: the quiz's built-in questions and the Keras vs PyTorch page's ready-made
comparisons, with what they say about themselves as messages.

``losses/`` computes (``losses.quiz``: answers and grades; ``losses.compare``: both traces and why
they differ); this package holds what a teacher would write: which lessons to show and their
prose. Every word is in the catalogs (``losses/catalog``: ``quiz.q.<id>.*`` and
``compare.preset.<id>.*``); every number a sentence quotes comes from the computation, passed as a
message parameter. No Streamlit here, so the tests can check the content directly.
"""
