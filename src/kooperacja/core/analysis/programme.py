"""The linear programmes of the disclosure audit, solved by HiGHS through highspy.

SciPy's ``linprog(method="highs")`` runs the same solver; importing ``scipy.optimize``
for it loads most of SciPy, a third of a second or more of every command that publishes
counts (``indicators``, ``hotspots``), where highspy loads in a tenth.  The tests still
check the audit against SciPy's ``linprog`` (``tests/linear.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Status = Literal["optimal", "infeasible", "unbounded"]


@dataclass(frozen=True)
class Solution:
    status: Status
    x: npt.NDArray[np.float64]
    value: float


class Programme:
    """``minimise c @ x`` subject to ``A x = b`` and ``lower <= x <= upper`` (``upper``
    may be infinite), for one ``A``, ``b`` and bounds and objectives that change from one
    solve to the next (each starts from the previous solution)."""

    def __init__(
        self,
        rows: npt.ArrayLike,
        columns: npt.ArrayLike,
        values: npt.ArrayLike,
        b: npt.ArrayLike,
        lower: npt.ArrayLike,
        upper: npt.ArrayLike,
    ) -> None:
        # highspy.Highs prints HiGHS's banner on standard output when it is made, before
        # any option can turn that off; its base class does not.
        from highspy import HighsLp, MatrixFormat, _Highs, kHighsInf  # type: ignore[attr-defined]

        low = np.asarray(lower, dtype=float)
        self.size = low.size
        rhs = np.asarray(b, dtype=float)
        # Column by column; a cell listed twice in one relation counts twice.
        height = max(rhs.size, 1)
        cells = np.asarray(columns, dtype=np.int64) * height + np.asarray(rows, dtype=np.int64)
        entries, where = np.unique(cells, return_inverse=True)
        summed = np.bincount(where, weights=np.asarray(values, dtype=float), minlength=entries.size)
        column, row = np.divmod(entries, height)
        lp = HighsLp()
        lp.num_col_, lp.num_row_ = self.size, rhs.size
        lp.col_cost_ = np.zeros(self.size)
        lp.col_lower_ = low
        lp.col_upper_ = np.minimum(np.asarray(upper, dtype=float), kHighsInf)
        lp.row_lower_ = lp.row_upper_ = rhs
        lp.a_matrix_.format_ = MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(column, np.arange(self.size + 1)).astype(np.int32)
        lp.a_matrix_.index_ = row.astype(np.int32)
        lp.a_matrix_.value_ = summed.astype(np.float64)
        self._highs = _Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.passModel(lp)
        self._every = np.arange(self.size, dtype=np.int32)

    def minimise(self, objective: npt.ArrayLike) -> Solution:
        from highspy import HighsModelStatus

        self._highs.changeColsCost(self.size, self._every, np.asarray(objective, dtype=float))
        self._highs.run()
        status = self._highs.getModelStatus()
        if status in (HighsModelStatus.kUnboundedOrInfeasible, HighsModelStatus.kUnknown):
            # Presolve, or a start from the previous solution, may stop short of telling
            # whether the programme is unbounded: the simplex method from scratch tells.
            self._highs.clearSolver()
            self._highs.setOptionValue("presolve", "off")
            self._highs.run()
            self._highs.setOptionValue("presolve", "choose")
            status = self._highs.getModelStatus()
        if status == HighsModelStatus.kInfeasible:
            return Solution("infeasible", np.full(self.size, np.nan), np.nan)
        if status == HighsModelStatus.kUnbounded:
            return Solution("unbounded", np.full(self.size, np.nan), -np.inf)
        if status != HighsModelStatus.kOptimal:
            raise RuntimeError(f"disclosure audit: the linear programme failed ({status.name})")
        x = np.asarray(self._highs.getSolution().col_value, dtype=float)
        return Solution("optimal", x, float(self._highs.getInfo().objective_function_value))
