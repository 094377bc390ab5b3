"""Check the catalog's links over HTTP(S): which URLs it holds, and what each one answers.

The public face of the link checker used by ``so-explorer links``::

    uses = collect_urls(catalog)                       # distinct URLs and where each is used
    results = check_links(uses, CheckOptions(timeout=5))

Pure standard library (``http.client``, ``ssl``, ``threading``); no Textual or Rich, and
no network until :func:`check_links` is called.
"""

from explorer.core.links.check import CheckOptions, check_url, default_user_agent
from explorer.core.links.collect import PLACES, Place, UrlUses, collect_urls
from explorer.core.links.pool import check_links
from explorer.core.links.request import DirectConnector
from explorer.core.links.result import PROBLEMS, RESULTS, Hop, LinkResult, count_results

__all__ = [
    "PLACES",
    "PROBLEMS",
    "RESULTS",
    "CheckOptions",
    "DirectConnector",
    "Hop",
    "LinkResult",
    "Place",
    "UrlUses",
    "check_links",
    "check_url",
    "collect_urls",
    "count_results",
    "default_user_agent",
]
