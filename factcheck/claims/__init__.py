"""Claims: which sentences of an article make checkable statements, one fact each, standalone.

* :mod:`~factcheck.claims.features`: rule features and the rule check-worthiness score;
* :mod:`~factcheck.claims.detector`: :class:`ClaimDetector`, from parsed article to claims;
* :mod:`~factcheck.claims.split`, :mod:`~factcheck.claims.asides` and :mod:`~factcheck.claims.figures`:
  one fact per part;
* :mod:`~factcheck.claims.resolve`, :mod:`~factcheck.claims.descriptions`,
  :mod:`~factcheck.claims.times` over :mod:`~factcheck.claims.discourse`: resolve only when sure;
* :mod:`~factcheck.claims.render`: a part's text with its sentence's resolutions.
"""

from __future__ import annotations

from factcheck.claims.detector import ClaimDetector, extract_claims
from factcheck.claims.features import score_checkworthiness

__all__ = ["ClaimDetector", "extract_claims", "score_checkworthiness"]
