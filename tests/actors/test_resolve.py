"""resolve_actor: phrases to codes, with time-bounded roles (cases written for eventscope)."""

from __future__ import annotations

import pytest

from eventscope import resolve_actor

CASES = [
    # text, context, date, country, sector, kind
    ("Syrian President Bashar al-Assad", None, "2015-06-01", "SYR", "GOV", "person"),
    ("Bashar al-Assad", None, "2025-06-01", "SYR", "ELI", "person"),
    ("Hezbollah fighters", None, None, "LBN", "REB", "group"),
    ("Ukrainian troops", None, None, "UKR", "MIL", "organization"),
    ("Kenyan police", None, None, "KEN", "COP", "organization"),
    ("Houthi rebels", None, None, "YEM", "REB", "organization"),
    ("the Sudanese army", None, None, "SDN", "MIL", "organization"),
    ("Palestinian health officials in Gaza", None, None, "PSE", "MED", "group"),
    ("a spokesman for the Israeli military", None, None, "ISR", "MIL", "person"),
    ("the leader of Hezbollah", None, "2020-01-01", "LBN", "REB", "person"),
    ("the Turkish foreign ministry", None, None, "TUR", "GOV", "organization"),
    ("Nigerian farmers", None, None, "NGA", "AGR", "group"),
    ("Iranian-backed Iraqi militias", None, None, "IRQ", "PRM", "group"),
    ("former Israeli prime minister Ehud Olmert", None, "2020-01-01", "ISR", "ELI", "person"),
    # a title written before the name speaks for the time of writing, even inside a KB alias
    ("Defense Secretary Ash Carter", None, "2025-06-01", "USA", "GOV", "person"),
    ("former Defense Secretary Ash Carter", None, "2025-06-01", "USA", "ELI", "person"),
    ("Ash Carter", None, "2025-06-01", "USA", "ELI", "person"),
    # in opposition when written, whatever office the dated roles still give
    ("opposition leader Raila Odinga", None, "2026-01-01", "KEN", "OPP", "person"),
    ("a rebel alliance", None, None, None, "REB", "organization"),
    # a split of an armed group is armed, whatever its dissent
    ("a dissident faction of the former FARC rebels", None, "2024-01-01", "COL", "REB", "organization"),
    # a place of several words before a name is a place, not the state inside it
    ("New Mexico Democratic Senator Tom Udall", None, "2015-01-01", "USA", "LEG", "person"),
    ("Niger Delta militants", None, None, "NGA", "REB", "group"),
    ("Kremlin", None, None, "RUS", "GOV", "organization"),
    ("the World Food Programme", None, None, "UNO", "IGO", "organization"),
    ("Doctors Without Borders", None, None, "NGO", "MED", "organization"),
    ("Sanaa", None, None, "YEM", "GOV", "state"),
    ("displaced Sudanese", None, None, "SDN", "REF", "group"),
    # a coalition's forces are armed forces; a ruling coalition governs
    ("coalition forces", None, None, None, "MIL", "group"),
    # the EU's High Representative is no member of a house of representatives
    ("High Representative Federica Mogherini", None, "2015-06-01", None, "IGO", "person"),
    ("the ruling coalition", None, None, None, "GOV", "organization"),
    # the West acts through its governments; no one country is it
    ("the West", None, None, None, "GOV", "organization"),
    ("Western powers", None, None, None, "GOV", "organization"),
    # so do the Gulf monarchies together ("Gulf" alone is no province of Papua New Guinea here)
    ("Gulf allies", None, None, None, "GOV", "organization"),
    ("Gulf Arab states", None, None, None, "GOV", "organization"),
    # a national Red Cross or Red Crescent society is its country's NGO
    ("the German Red Cross", None, None, "DEU", "NGO", "organization"),
    ("Syrian Arab Red Crescent", None, None, "SYR", "NGO", "organization"),
    # a counterpart is an official of the nationality written before it; a sector word says which kind
    ("his Sudanese counterpart", None, None, "SDN", "GOV", "person"),
    ("their Iraqi military counterparts", None, None, "IRQ", "MIL", "group"),
    # the people of an international or non-governmental body act for it, unless armed
    ("U.N. human rights investigators", None, None, "UNO", "IGO", "group"),
    ("the IAEA board of governors", None, None, "UNO", "IGO", "organization"),
    ("U.N. peacekeepers", None, None, "UNO", "MIL", "group"),
    # parties named "... Democrats" elsewhere are never the U.S. Democrats
    ("Christian Democrats", None, "2024-08-25", "DEU", "PTY", "organization"),
    ("the Liberal Democrats", None, "2024-08-25", "GBR", "PTY", "organization"),
    # several states named at once act through their governments, no one country
    ("world powers", None, None, None, "GOV", "group"),
    ("other member states", None, None, None, "GOV", "group"),
    # a coalition of gangs or militias is of their kind, not a party
    ("the gang coalition", None, None, None, "CRM", "organization"),
    ("a militia alliance", None, None, None, "PRM", "organization"),
    # armed or not, gangs are criminals (an unnamed armed band is not a gang)
    ("armed gangs", None, None, None, "CRM", "group"),
    ("heavily armed gangs", None, None, None, "CRM", "group"),
    ("armed men", None, None, None, "UAF", "group"),
    # a government's forces are its military; political forces are no armed side
    ("Ethiopian federal forces", None, None, "ETH", "MIL", "organization"),
    ("Syrian regime forces", None, None, "SYR", "MIL", "organization"),
    ("political forces", None, None, None, "GOV", "organization"),
    # international sports bodies are private associations
    ("FIFA", None, None, "NGO", "NGO", "organization"),
    ("the World Anti-Doping Agency", None, None, "NGO", "NGO", "organization"),
    # craft take the sector of who sails them; alone or merchant, they are commerce
    ("Chinese coast guard ships", None, None, "CHN", "MIL", "group"),
    ("Houthi boats", None, None, "YEM", "REB", "organization"),
    ("merchant ships", None, None, None, "BUS", "group"),
    # a patron hyphened to its client names no country of a member: the client's is his
    ("a field commander of the Iran-backed Hezbollah", None, None, "LBN", "REB", "person"),
    # China's office for Taiwan affairs is China's; Taiwan's council for mainland affairs Taiwan's
    ("the Taiwan Affairs Office", None, None, "CHN", "GOV", "organization"),
    ("the Mainland Affairs Council", None, None, "TWN", "GOV", "organization"),
    # a private organisation's name and a state's: its branch in that state
    ("Human Rights Watch Kenya", None, None, "KEN", "NGO", "organization"),
    ("NATO Ukraine", None, None, "UKR", None, "state"),  # (no branch of a state alliance)
    # a known body's one-word alias inside a longer name is a word of that name
    ("the Independent Electoral Commission", None, None, None, "GOV", "organization"),
    ("the Commission", None, None, "EUR", "GOV", "organization"),
    ("the commission", None, None, None, "GOV", "organization"),  # (written small: a commission)
    # a former rebel is still a rebel; a former minister an elite
    ("former guerrilla fighters", None, None, None, "REB", "group"),
    ("a former defence minister", None, None, None, "ELI", "person"),
    # a bulk carrier is a merchant ship, an aircraft carrier a warship
    ("a Liberian-flagged bulk carrier", None, None, "LBR", "BUS", "group"),
    ("the aircraft carrier", None, None, None, "MIL", "group"),
    # waters named after a country are no one's flag; a town of one is where its police are
    ("a cargo ship in the Gulf of Oman", None, None, None, "BUS", "group"),
    ("an oil tanker in the Gulf of Aden", None, None, None, "BUS", "group"),
    ("police in the city of Mosul", None, None, "IRQ", "COP", "organization"),
    # a multinational force is troops of several states, not a company
    ("the multinational force", None, None, None, "MIL", "organization"),
    # a national security council is the named state's, not the U.N.'s Security Council
    ("the Philippine National Security Council", None, None, "PHL", "GOV", "organization"),
    ("Pakistan's National Security Council", None, None, "PAK", "GOV", "organization"),
    ("the U.N. Security Council", None, None, "UNO", "IGO", "organization"),
]


@pytest.mark.parametrize("text,context,date,country,sector,kind", CASES)
def test_resolve_codes(text, context, date, country, sector, kind):
    got = resolve_actor(text, context=context, date=date)
    assert got is not None, text
    assert (got["country"], got["sector"], got["kind"]) == (country, sector, kind), got


def test_title_is_read_at_the_document_date():
    assert resolve_actor("the US president", date="2019-03-01")["name"] == "Donald Trump"
    assert resolve_actor("the US president", date="2022-03-01")["name"] == "Joe Biden"
    assert resolve_actor("the US president", date="2012-03-01")["name"] == "Barack Obama"
    assert resolve_actor("the Israeli prime minister", date="2022-03-01")["name"] == "Naftali Bennett"


def test_a_candidate_is_a_party_figure_between_offices():
    assert resolve_actor("Donald Trump", date="2016-03-01")["sector"] == "PTY"
    assert resolve_actor("Donald Trump", date="2018-03-01")["sector"] == "GOV"


def test_possessive_and_posting():
    got = resolve_actor("Iran's ambassador to Iraq")
    assert (got["country"], got["sector"], got["posted_to"]) == ("IRN", "GOV", "IRQ")
    assert got["roles"][0]["title"] == "ambassador"


def test_apposition_phrase_keeps_the_named_person():
    got = resolve_actor("Esmail Qaani, the commander of the Quds Force of Iran", date="2025-03-20")
    assert (got["name"], got["country"], got["sector"]) == ("Esmail Qaani", "IRN", "MIL")


def test_transliteration_variants_resolve_to_one_actor():
    names = {resolve_actor(t)["name"] for t in ("Hashd al-Shaabi", "Popular Mobilisation Forces", "PMF")}
    assert names == {"Popular Mobilization Forces"}
    assert resolve_actor("Esmail Ghaani")["name"] == "Esmail Qaani"


def test_a_titled_person_whose_surname_names_an_organisation_is_a_person():
    minister = resolve_actor("Foreign Minister Therese Kayikwamba Wagner", date="2025-01-24")
    assert minister is None or minister["name"] != "Wagner Group"
    for text in ("Wagner", "Wagner mercenaries", "Russia's Wagner mercenaries"):
        assert resolve_actor(text, date="2025-01-24")["name"] == "Wagner Group", text


def test_another_given_name_before_a_known_surname_is_someone_else():
    assert resolve_actor("Jay Carney", date="2016-03-01") is None  # not Mark Carney
    for text in ("Mark Carney", "Mr. Carney", "Mark J. Carney"):
        assert resolve_actor(text, date="2016-03-01")["name"] == "Mark Carney", text
    # another spelling of his own given name is still him
    assert resolve_actor("Kassem Soleimani", date="2016-03-01")["name"] == "Qasem Soleimani"


def test_a_province_name_two_states_share_is_the_bigger_state_s():
    assert resolve_actor("Florida Governor", date="2016-03-01")["country"] == "USA"
    assert resolve_actor("Maryland officials", date="2016-03-01")["country"] == "USA"


def test_generic_org_name_after_another_country_is_not_the_us_one():
    got = resolve_actor("Chile's Defense Department")
    assert got["country"] == "CHL"


def test_context_gives_the_country():
    assert resolve_actor("the interior ministry", context="Egyptian")["country"] == "EGY"


def test_nothing_to_resolve():
    assert resolve_actor("the weather") is None
    assert resolve_actor("") is None


# Office holders across several terms of several offices (facts written for these tests).
OFFICES = [
    ("the Iraqi prime minister", "2005-10-01", "Ibrahim al-Jaafari"),
    ("the Iraqi prime minister", "2010-01-01", "Nouri al-Maliki"),
    ("Iraqi Prime Minister", "2016-01-01", "Haider al-Abadi"),
    ("Iraqi Prime Minister", "2019-06-01", "Adil Abdul-Mahdi"),
    ("Iraqi Prime Minister", "2021-06-01", "Mustafa al-Kadhimi"),
    ("Iraqi Prime Minister", "2023-06-01", "Mohammed Shia al-Sudani"),
    ("the Iraqi president", "2008-01-01", "Jalal Talabani"),
    ("the Iraqi president", "2016-01-01", "Fuad Masum"),
    ("the Iraqi president", "2020-01-01", "Barham Salih"),
    ("the Turkish president", "2005-01-01", "Ahmet Necdet Sezer"),
    ("the Turkish president", "2010-01-01", "Abdullah Gül"),
    ("the Turkish president", "2016-01-01", "Recep Tayyip Erdoğan"),
    ("the Iranian president", "2003-01-01", "Mohammad Khatami"),
    ("the Iranian president", "2010-01-01", "Mahmoud Ahmadinejad"),
    ("the US secretary of state", "2014-01-01", "John Kerry"),
    ("the US secretary of state", "2019-06-01", "Mike Pompeo"),
    ("the German chancellor", "2000-01-01", "Gerhard Schröder"),
    ("the UN secretary-general", "2000-01-01", "Kofi Annan"),
    ("the UN secretary-general", "2010-01-01", "Ban Ki-moon"),
    ("the UN secretary-general", "2020-01-01", "António Guterres"),
    ("the Thai prime minister", "2018-01-01", "Prayuth Chan-ocha"),
]


@pytest.mark.parametrize("text,date,name", OFFICES)
def test_office_holder_on_the_date(text, date, name):
    got = resolve_actor(text, date=date)
    assert got is not None and got["name"] == name, got


def test_generated_person_resolves_with_country_and_sector():
    got = resolve_actor("Agshin Mehdiyev", date="2009-01-01")
    assert got is not None and (got["country"], got["sector"], got["kind"]) == ("AZE", "GOV", "person")
    assert got["kb_id"].startswith("phoenix:")


def test_cached_analysis_takes_the_date_as_an_argument():
    import inspect

    from eventscope.actors.resolve import analyze_phrase

    param = inspect.signature(analyze_phrase.__wrapped__).parameters["date"]
    assert param.kind is inspect.Parameter.KEYWORD_ONLY and param.default is inspect.Parameter.empty


def test_a_name_written_with_its_article_needs_it():
    # "the West" is a bloc; a surname West is someone's
    assert resolve_actor("Kanye West") is None  # nothing known codes him
    assert resolve_actor("the West")["name"] == "the West"


def test_an_acronym_written_as_a_name_is_no_organisation():
    # "Rand" before a surname is a given name, not the RAND Corporation; NATO written "Nato" stays NATO
    assert resolve_actor("Senator Rand Paul", date="2016-01-28")["name"] != "RAND Corporation"
    assert resolve_actor("RAND", date="2016-01-28")["name"] == "RAND Corporation"
    assert resolve_actor("Nato forces")["name"] == "NATO"
    assert resolve_actor("Nato Secretary General Jens Stoltenberg", date="2016-01-28")["name"] == "Jens Stoltenberg"
