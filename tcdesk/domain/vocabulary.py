"""The closed vocabularies of the exchange contract (PACKAGE-FORMAT.md), in one place.

The order of each tuple is the order users see them in (lists, facets, charts).
"""

MECHANISMS = ("UPR", "TB", "SP")
MECHANISM_NAMES = {"UPR": "Universal Periodic Review", "TB": "Treaty bodies", "SP": "Special procedures"}
TREATY_BODIES = ("CEDAW", "CRC", "CAT", "CRPD", "CERD", "CESCR", "CCPR", "CMW", "CED", "SPT")
RESPONSES = ("supported", "noted")
IMPLEMENTATION_STATUSES = ("not started", "in progress", "partially implemented", "implemented")
PRESENCES = ("HRA", "country office", "regional office", "peace mission", "none")
PRIORITIES = ("high", "medium", "low")


def priority_rank(priority: str) -> int:
    """High first, then medium, low, and clusters without a priority last."""
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


PROJECT_STATUSES = ("pipeline", "active", "completed", "suspended", "closed")
MODALITIES = ("bilateral", "south-south", "triangular", "multilateral", "other")
LINK_KINDS = ("recommendation", "cluster")
ASSESSMENT_STATUSES = ("met", "partly met", "not met", "not applicable", "not assessed")
PACKAGE_KINDS = ("hq-update", "field-return")
FUNDING_SOURCES = (
    "Voluntary Fund for Technical Cooperation (VFTC)",
    "UPR Voluntary Fund for Financial and Technical Assistance",
    "Human Rights Mainstreaming Fund",
    "Peacebuilding Fund",
    "Bilateral donor",
    "Other",
)
HQ_OFFICE = "HQ"
