"""UHRI values to the contract's vocabularies: bodies, countries, SDG labels, positions, dates, cycles, uids."""

from __future__ import annotations

import uuid

import pytest

from tcdesk.domain import sdg
from tcdesk.uhri import mapping
from tests.uhri.exports import uid_of


@pytest.mark.parametrize(
    ("raw", "mechanism", "body"),
    [
        ("- UPR", "UPR", "UPR"),
        ("Universal Periodic Review", "UPR", "UPR"),
        ("CEDAW", "TB", "CEDAW"),
        ("- CEDAW", "TB", "CEDAW"),
        ("Committee on the Elimination of Discrimination against Women", "TB", "CEDAW"),
        ("Human Rights Committee", "TB", "CCPR"),
        ("CCPR", "TB", "CCPR"),
        ("Committee against Torture", "TB", "CAT"),
        ("Committee against Torture (CAT)", "TB", "CAT"),
        ("Committee on the Rights of the Child", "TB", "CRC"),
        ("- CRC-OP-SC", "TB", "CRC"),
        ("- CRC-OP-AC", "TB", "CRC"),
        ("CRPD", "TB", "CRPD"),
        ("Committee on the Rights of Persons with Disabilities", "TB", "CRPD"),
        ("CERD", "TB", "CERD"),
        ("Committee on the Elimination of Racial Discrimination", "TB", "CERD"),
        ("CESCR", "TB", "CESCR"),
        ("Committee on Economic, Social and Cultural Rights", "TB", "CESCR"),
        ("CMW", "TB", "CMW"),
        ("Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families", "TB", "CMW"),
        ("CED", "TB", "CED"),
        ("Committee on Enforced Disappearances", "TB", "CED"),
        ("Subcommittee on Prevention of Torture", "TB", "SPT"),
        ("SPT", "TB", "SPT"),
        ("Special Rapporteur on the right to food", "SP", "Special Rapporteur on the right to food"),
        ("- SR on the right to food", "SP", "Special Rapporteur on the right to food"),
        (
            "Independent Expert on sexual orientation and gender identity",
            "SP",
            "Independent Expert on sexual orientation and gender identity",
        ),
        (
            "- IE on the enjoyment of all human rights by older persons",
            "SP",
            "Independent Expert on the enjoyment of all human rights by older persons",
        ),
        ("Working Group on Arbitrary Detention", "SP", "Working Group on Arbitrary Detention"),
        (
            "- WG on Enforced or Involuntary Disappearances",
            "SP",
            "Working Group on Enforced or Involuntary Disappearances",
        ),
        (
            "Working Group of Experts on People of African Descent",
            "SP",
            "Working Group of Experts on People of African Descent",
        ),
    ],
)
def test_bodies(raw, mechanism, body):
    assert mapping.map_body(raw) == mapping.Body(mechanism, body)


@pytest.mark.parametrize(
    "raw", ["", "- ", "Expert Mechanism on the Rights of Indigenous Peoples", "Security Council", "ILO"]
)
def test_bodies_that_are_not_mechanisms(raw):
    assert mapping.map_body(raw) is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("United Republic of Tanzania", "TZA"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("State of Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("Kosovo (under UNSCR 1244)", "XKX"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Republic of Moldova", "MDA"),
        ("Syrian Arab Republic", "SYR"),
        ("Viet Nam", "VNM"),
        ("Holy See", "VAT"),
        ("Eswatini", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Czechia", "CZE"),
        ("North Macedonia", "MKD"),
        ("Timor-Leste", "TLS"),
        ("Sao Tome and Principe", "STP"),
        ("Saint Vincent and the Grenadines", "VCT"),
        ("St Kitts & Nevis", "KNA"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Gambia", "GMB"),
        ("- Kenya", "KEN"),
        ("  kenya ", "KEN"),
        ("KEN", "KEN"),
        ("XKX", "XKX"),
        ("KE", "KEN"),
    ],
)
def test_countries(name, iso3):
    assert mapping.map_country(name) == iso3


@pytest.mark.parametrize("name", ["", "Atlantis", "Korea", "Congo-Kinshasa-ish", "Serbia and Montenegro", "QQQ", "XVL"])
def test_countries_never_guessed(name):
    assert mapping.map_country(name) == ""


def test_every_un_member_state_is_recognised():
    """The UN names of the 193 Member States and the two observer States, as UHRI writes them."""
    names = [
        "Afghanistan",
        "Albania",
        "Algeria",
        "Andorra",
        "Angola",
        "Antigua and Barbuda",
        "Argentina",
        "Armenia",
        "Australia",
        "Austria",
        "Azerbaijan",
        "Bahamas",
        "Bahrain",
        "Bangladesh",
        "Barbados",
        "Belarus",
        "Belgium",
        "Belize",
        "Benin",
        "Bhutan",
        "Bolivia (Plurinational State of)",
        "Bosnia and Herzegovina",
        "Botswana",
        "Brazil",
        "Brunei Darussalam",
        "Bulgaria",
        "Burkina Faso",
        "Burundi",
        "Cabo Verde",
        "Cambodia",
        "Cameroon",
        "Canada",
        "Central African Republic",
        "Chad",
        "Chile",
        "China",
        "Colombia",
        "Comoros",
        "Congo",
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatia",
        "Cuba",
        "Cyprus",
        "Czechia",
        "Democratic People's Republic of Korea",
        "Democratic Republic of the Congo",
        "Denmark",
        "Djibouti",
        "Dominica",
        "Dominican Republic",
        "Ecuador",
        "Egypt",
        "El Salvador",
        "Equatorial Guinea",
        "Eritrea",
        "Estonia",
        "Eswatini",
        "Ethiopia",
        "Fiji",
        "Finland",
        "France",
        "Gabon",
        "Gambia",
        "Georgia",
        "Germany",
        "Ghana",
        "Greece",
        "Grenada",
        "Guatemala",
        "Guinea",
        "Guinea-Bissau",
        "Guyana",
        "Haiti",
        "Honduras",
        "Hungary",
        "Iceland",
        "India",
        "Indonesia",
        "Iran (Islamic Republic of)",
        "Iraq",
        "Ireland",
        "Israel",
        "Italy",
        "Jamaica",
        "Japan",
        "Jordan",
        "Kazakhstan",
        "Kenya",
        "Kiribati",
        "Kuwait",
        "Kyrgyzstan",
        "Lao People's Democratic Republic",
        "Latvia",
        "Lebanon",
        "Lesotho",
        "Liberia",
        "Libya",
        "Liechtenstein",
        "Lithuania",
        "Luxembourg",
        "Madagascar",
        "Malawi",
        "Malaysia",
        "Maldives",
        "Mali",
        "Malta",
        "Marshall Islands",
        "Mauritania",
        "Mauritius",
        "Mexico",
        "Micronesia (Federated States of)",
        "Monaco",
        "Mongolia",
        "Montenegro",
        "Morocco",
        "Mozambique",
        "Myanmar",
        "Namibia",
        "Nauru",
        "Nepal",
        "Netherlands (Kingdom of the)",
        "New Zealand",
        "Nicaragua",
        "Niger",
        "Nigeria",
        "North Macedonia",
        "Norway",
        "Oman",
        "Pakistan",
        "Palau",
        "Panama",
        "Papua New Guinea",
        "Paraguay",
        "Peru",
        "Philippines",
        "Poland",
        "Portugal",
        "Qatar",
        "Republic of Korea",
        "Republic of Moldova",
        "Romania",
        "Russian Federation",
        "Rwanda",
        "Saint Kitts and Nevis",
        "Saint Lucia",
        "Saint Vincent and the Grenadines",
        "Samoa",
        "San Marino",
        "Sao Tome and Principe",
        "Saudi Arabia",
        "Senegal",
        "Serbia",
        "Seychelles",
        "Sierra Leone",
        "Singapore",
        "Slovakia",
        "Slovenia",
        "Solomon Islands",
        "Somalia",
        "South Africa",
        "South Sudan",
        "Spain",
        "Sri Lanka",
        "Sudan",
        "Suriname",
        "Sweden",
        "Switzerland",
        "Syrian Arab Republic",
        "Tajikistan",
        "Thailand",
        "Timor-Leste",
        "Togo",
        "Tonga",
        "Trinidad and Tobago",
        "Tunisia",
        "Türkiye",
        "Turkmenistan",
        "Tuvalu",
        "Uganda",
        "Ukraine",
        "United Arab Emirates",
        "United Kingdom of Great Britain and Northern Ireland",
        "United Republic of Tanzania",
        "United States of America",
        "Uruguay",
        "Uzbekistan",
        "Vanuatu",
        "Venezuela (Bolivarian Republic of)",
        "Viet Nam",
        "Yemen",
        "Zambia",
        "Zimbabwe",
        "Holy See",
        "State of Palestine",
    ]
    assert len(names) == 195
    codes = {name: mapping.map_country(name) for name in names}
    assert [n for n, c in codes.items() if not c] == []
    assert len(set(codes.values())) == 195


@pytest.mark.parametrize(
    ("label", "code", "level"),
    [
        ("16.3 - Promote the rule of law", "16.3", "target"),
        ("- 16.3 - Promote the rule of law", "16.3", "target"),
        ("16.b - Promote and enforce non-discriminatory laws", "16.b", "target"),
        ("5.C - Adopt policies for gender equality", "5.c", "target"),
        ("16.10 - Public access to information", "16.10", "target"),
        ("16.3", "16.3", "target"),
        ("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", "16", "goal"),
        ("5 - GENDER EQUALITY", "5", "goal"),
        ("SDG 4", "4", "goal"),
        ("16.11 - no such target", "16.11", "unknown"),
        ("18 - no such goal", "18", "unknown"),
        ("Peace and justice", "", "unknown"),
    ],
)
def test_sdg_labels(label, code, level):
    assert mapping.map_sdg(label) == mapping.SdgLabel(code, level)


def test_every_target_code_maps_to_itself():
    assert all(mapping.map_sdg(f"{code} - title").code == code for code in sdg.TARGET_CODES)


@pytest.mark.parametrize(
    ("raw", "response"),
    [
        ("Supported", "supported"),
        ("- Supported", "supported"),
        ("Accepted", "supported"),
        ("Noted", "noted"),
        ("- Noted", "noted"),
        ("Rejected", "noted"),
        ("Partially supported", ""),
        ("Supported/Noted", ""),
        ("Pending", ""),
        ("", ""),
    ],
)
def test_positions(raw, response):
    assert mapping.map_position(raw) == response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "1900-01-01"),
        (59, "1900-02-28"),
        (60, None),  # 1900-02-29, a day Excel invented
        (61, "1900-03-01"),
        (44927, "2023-01-01"),
        (44927.75, "2023-01-01"),
        ("45383", "2024-04-01"),
        ("2025-02-12T00:00:00", "2025-02-12"),
        ("2025-02-12", "2025-02-12"),
        ("2025-02-30", None),
        ("12/02/2025", None),
        (0, None),
        ("", ""),
        (None, ""),
    ],
)
def test_dates(value, expected):
    assert mapping.map_date(value) == expected


@pytest.mark.parametrize(
    ("session", "cycle"),
    [(1, "1"), (12, "1"), (13, "2"), (26, "2"), (27, "3"), (40, "3"), (41, "4"), (54, "4"), (55, ""), (0, "")],
)
def test_cycles_from_sessions(session, cycle):
    assert mapping.cycle_of_session(str(session)) == cycle


@pytest.mark.parametrize(
    ("raw", "number"), [("- 41st session", "41"), (41, "41"), (41.0, "41"), (["35"], "35"), ("", "")]
)
def test_session_numbers(raw, number):
    assert mapping.session_number(raw) == number


def test_multi_value_cells():
    assert mapping.split_values("- Women & girls\n- Children\n\n-\n- Children\r\n- Persons with disabilities ") == [
        "Women & girls",
        "Children",
        "Persons with disabilities",
    ]
    assert mapping.split_values(["- Kenya", "Uganda\n- Rwanda", None]) == ["Kenya", "Uganda", "Rwanda"]
    assert mapping.split_values(None) == [] and mapping.split_values("") == []


def test_texts_keep_their_words_and_lose_markup():
    assert mapping.clean_text("  Ratify the\r\nconvention.  ") == "Ratify the\nconvention."
    assert (
        mapping.clean_text("<p>Ratify <b>ILO</b> C189&nbsp;&amp; C190.</p><p>Second paragraph</p>")
        == "Ratify ILO C189 & C190.\nSecond paragraph"
    )
    assert mapping.clean_text("Ensure that a < b and c > d") == "Ensure that a < b and c > d"


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        ("142.35 Ratify the convention", "142.35"),
        ("142.35. Ratify the convention", "142.35"),
        ("4.The Committee reminds", "4"),
        ("23. The Committee recommends", "23"),
        ("2030 Agenda for Sustainable Development", ""),
        ("Ratify the convention", ""),
    ],
)
def test_paragraphs(text, paragraph):
    assert mapping.paragraph_of(text) == paragraph


def test_uid_rule_is_uuid5_of_the_annotation_id():
    annotation = "A9CEAE8C-FE1C-40F9-A326-1529E0AB678F"
    canonical = mapping.annotation_id(annotation)
    assert canonical == annotation.lower()
    assert mapping.annotation_id("{" + annotation + "}") == canonical
    assert mapping.annotation_id("a9ceae8cfe1c40f9a3261529e0ab678f") == canonical
    assert mapping.annotation_id("12345") is None and mapping.annotation_id("") is None
    assert uuid.UUID("0d198fd8-9187-4779-98cf-5fab1846f547") == mapping.NAMESPACE_TCDESK_UHRI
    assert mapping.recommendation_uid(canonical) == uid_of(annotation)
    assert mapping.recommendation_uid(canonical, "KEN") == uid_of(annotation, "KEN")
    # Pinned: every installation and HQ's tooling must keep giving these uids, or re-imports would duplicate.
    assert mapping.recommendation_uid(canonical) == "5b788859-6651-5245-90f9-941c29510660"
    assert mapping.recommendation_uid(canonical, "PER") == "1cc71bad-3c70-573f-b218-86755e2f2d8e"
