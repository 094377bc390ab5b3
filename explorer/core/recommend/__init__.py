"""Needs-based recommendations: which integration approach fits this customer, and why.

Pure core (no Textual, no rich). Ask with a :class:`Question`; get a :class:`Recommendation`
holding, per need, ranked :class:`Option` s (fit ``recommended``, ``possible`` or ``avoid``,
each with checkable reasons), the :class:`Excluded` points and the :class:`Undocumented`
cells. The ordering rule is in :mod:`explorer.core.recommend.engine` and in the README.
"""

from explorer.core.recommend.engine import Recommender, recommend
from explorer.core.recommend.question import (
    NoNeedsData,
    Question,
    QuestionError,
    check,
    closest,
)
from explorer.core.recommend.result import (
    CHECK,
    FIT_MEANINGS,
    FIT_SYMBOLS,
    FITS,
    MET,
    MISSING,
    Excluded,
    LifecycleNote,
    NeedResult,
    Option,
    PlatformFit,
    Reason,
    Recommendation,
    RequirementCheck,
    Undocumented,
)

__all__ = [
    "CHECK",
    "FITS",
    "FIT_MEANINGS",
    "FIT_SYMBOLS",
    "MET",
    "MISSING",
    "Excluded",
    "LifecycleNote",
    "NeedResult",
    "NoNeedsData",
    "Option",
    "PlatformFit",
    "Question",
    "QuestionError",
    "Reason",
    "Recommendation",
    "Recommender",
    "RequirementCheck",
    "Undocumented",
    "check",
    "closest",
    "recommend",
]
