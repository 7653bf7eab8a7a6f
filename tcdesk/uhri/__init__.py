"""Import of exports from OHCHR's Universal Human Rights Index (UHRI): the Excel and the JSON export.

``detect`` tells a tcdesk package from a UHRI export by content; ``mapping`` turns UHRI's values into the
contract's vocabularies (mechanism and body, ISO3 countries, SDG target codes, supported/noted, dates,
cycles) and holds the uid rule; ``importer`` reads a whole export into mapped rows and a report of what
could not be used. Writing to the store is ``tcdesk.services.uhri_import``. docs/uhri-import.md explains
the rules and the decisions taken.
"""
