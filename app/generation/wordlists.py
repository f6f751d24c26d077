"""General word lists (no facts of any one document): months, places, kinds of bodies."""

from __future__ import annotations

MONTHS = (
    "January February March April May June July August September October November December"
).split()

FUNCTION_WORDS = set(
    """a an and are as at be been being both but by can could did do does each either for from
    had has have he her here his how i if in into is it its may might must my neither no nor not
    of on or our ours she should so some such than that the their them then there these they this
    those through to toward towards under until upon us was we were what when where whether which
    while who whom whose why will with within without would yet you your also all any other
    another every many much more most only own same very just once against among across about
    after before between during over per since beyond despite""".split()
)

# Words that open a sentence without being part of a name.
SENTENCE_OPENERS = set(
    """a an the we our in on as to where with this that these those it they there when while
    for by from at after before since although though if because however moreover furthermore
    thus therefore also recalling building reaffirming determined welcoming toward towards
    success battling declare each all both one""".split()
)

COUNTRIES = set(
    """Afghanistan;Albania;Algeria;Andorra;Angola;Argentina;Armenia;Australia;Austria;Azerbaijan;
    Bahamas;Bahrain;Bangladesh;Barbados;Belarus;Belgium;Belize;Benin;Bhutan;Bolivia;Bosnia;
    Bosnia and Herzegovina;Botswana;Brazil;Brunei;Bulgaria;Burkina Faso;Burma;Burundi;Cambodia;
    Cameroon;Canada;Chad;Chile;China;Colombia;Congo;Costa Rica;Croatia;Cuba;Cyprus;
    Czech Republic;Czechia;Denmark;Djibouti;Dominica;Ecuador;Egypt;El Salvador;Eritrea;Estonia;
    Ethiopia;Fiji;Finland;France;Gabon;Gambia;Georgia;Germany;Ghana;Greece;Grenada;Guatemala;
    Guinea;Guyana;Haiti;Honduras;Hungary;Iceland;India;Indonesia;Iran;Iraq;Ireland;Israel;Italy;
    Jamaica;Japan;Jordan;Kazakhstan;Kenya;Korea;North Korea;South Korea;Kosovo;Kuwait;Kyrgyzstan;
    Laos;Latvia;Lebanon;Lesotho;Liberia;Libya;Liechtenstein;Lithuania;Luxembourg;Macedonia;
    Madagascar;Malawi;Malaysia;Maldives;Mali;Malta;Mauritania;Mauritius;Mexico;Moldova;Monaco;
    Mongolia;Montenegro;Morocco;Mozambique;Myanmar;Namibia;Nepal;Netherlands;New Zealand;
    Nicaragua;Niger;Nigeria;Norway;Oman;Pakistan;Palestine;Panama;Paraguay;Peru;Philippines;
    Poland;Portugal;Qatar;Romania;Russia;Russian Federation;Rwanda;Saudi Arabia;Senegal;Serbia;
    Sierra Leone;Singapore;Slovakia;Slovenia;Somalia;South Africa;Spain;Sri Lanka;Sudan;
    Suriname;Sweden;Switzerland;Syria;Taiwan;Tajikistan;Tanzania;Thailand;Togo;Tunisia;Turkey;
    Turkmenistan;Uganda;Ukraine;United Arab Emirates;United Kingdom;Britain;Great Britain;
    United States;United States of America;Uruguay;Uzbekistan;Venezuela;Vietnam;Yemen;
    Yugoslavia;Zambia;Zimbabwe;Soviet Union;Union of Soviet Socialist Republics""".replace(
        "\n", ""
    ).split(";")
)
COUNTRIES = {c.strip() for c in COUNTRIES}

REGIONS = set(
    """Africa;Asia;Europe;America;North America;South America;Latin America;Central America;
    Central Asia;East Asia;South Asia;Southeast Asia;Middle East;Near East;Far East;Balkans;
    Caucasus;South Caucasus;North Caucasus;Caribbean;Scandinavia;Baltic;Baltics;Mediterranean;
    Arctic;Antarctica;Pacific;Atlantic;Persian Gulf;Gulf;Horn of Africa;Sahel;Central Europe;
    Eastern Europe;Western Europe;Northern Europe;Southern Europe;Korean Peninsula;Siberia;
    Transcaucasia;Black Sea;Caspian;Caspian Sea;Baltic Sea;North Sea;Indian Ocean;
    Asia-Pacific;Euro-Atlantic;Eurasia;Kashmir;Palestinian Territories""".replace("\n", "").split(
        ";"
    )
)
REGIONS = {r.strip() for r in REGIONS}
# A continent holds most places a text names: it is no false answer beside them.
CONTINENTS = {"Africa", "Asia", "Europe", "America", "North America", "South America", "Eurasia"}

# The last word of a place's name ("the Sarn Valley", "the Inner Sea", "the Kessa Islands").
GEOGRAPHIC_HEADS = set(
    """Sea Seas Ocean River Rivers Valley Lake Lakes Mountains Mountain Hills Islands Island Bay
    Gulf Strait Straits Coast Basin Peninsula Plain Plains Desert Delta Channel Forest""".split()
)

# Nouns after a capitalised name that make the whole a place ("the Caspian region").
PLACE_NOUNS = {"region", "area", "basin", "peninsula", "valley", "sea", "coast", "islands"}

ORGANISATION_HEADS = set(
    """Council Group Organization Organisation Nations Union Department Ministry Ministries
    Commission Board Committee Agency Dialogue Bank Fund Court Assembly Parliament Congress
    Forum Alliance Office Service Institute Association Authority Secretariat Conference
    Community Partnership League Exchange University Academy School College Museum Library Mission
    Society Foundation Institution Bureau Centre Center Corporation Company""".split()
)

AGREEMENT_HEADS = set(
    """Treaty Treaties Statement Statements Act Charter Amendment Convention Conventions
    Agreement Agreements Accord Accords Declaration Protocol List Resolution Resolutions
    Memorandum Pact Law Code Covenant Initiative Communique Communiqué""".split()
)

# Nouns that, after a quoted or capitalised name, make it a grouping of states.
GROUPING_NOUNS = {
    "process",
    "group",
    "format",
    "mechanism",
    "framework",
    "talks",
    "forum",
    "council",
    "initiative",
}

TITLES = set(
    """President Presidents Vice Prime Minister Ministers Secretary Secretaries Chairman Chairmen
    Co-Chairmen Co-Chairman Chair Ministry Ministries King Queen Prince Princess Ambassador
    Ambassadors General
    Governor Senator Chancellor Foreign Defense Defence Mr Mrs Ms Dr Sir Lord Lady""".split()
)

EVENT_NOUNS = {"summit", "summits", "meeting", "conference", "talks", "war", "crisis"}

# Multi-part names written differently in other texts (general transliterations and forms).
SPELLING_VARIANTS = (
    ("Qaida", "Qaeda"),
    ("Qaida", "Qa'ida"),
    ("Usama", "Osama"),
    ("Koran", "Quran"),
    ("Kiev", "Kyiv"),
    ("Moslem", "Muslim"),
    ("Organization", "Organisation"),
    ("Defense", "Defence"),
    ("Center", "Centre"),
)

ABBREVIATIONS = (
    ("UN", "United Nations"),
    ("U.N.", "United Nations"),
    ("U.S.", "US"),
    ("U.S.", "United States"),
    ("U.K.", "UK"),
)

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
}

COUNTRY_ABBREVIATIONS = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States of America",
    "U.S.A.": "United States of America",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "USSR": "Union of Soviet Socialist Republics",
}

# Heads of the names of states ("the Republic of Avalon") and words that open place names.
STATE_HEADS = {"Republic", "Kingdom", "Federation", "Principality", "Emirate", "Commonwealth"}
PLACE_OPENERS = set(
    """North South East West Northern Southern Eastern Western Central Upper Lower Greater
    St. Mt. Lake Mount Cape Port Fort""".split()
)

# Words too common to tell two statements apart (with the parties' own names, which
# distractors.common_names reads from each document).
STOP_CONTENT = FUNCTION_WORDS | set(
    """sides side countries country parties party two will both also which their they them
    these those cooperation cooperate""".split()
)

# Common English verbs in their base form, to tell "expand transparency" (an action) from
# "economic integration" (a thing) when the items of a list are compared.
COMMON_VERBS = set(
    """accept achieve act add address adopt advance affirm agree aim allow apply approve
    arrange assist assure attend avoid bear become begin bolster bring build call carry
    cease change choose close combat commit compete complete conclude conduct confirm
    consider consult continue contribute control cooperate coordinate counter create cut
    decide declare defend define deliver demand deploy destroy determine develop discuss
    do eliminate encourage end enforce engage enhance ensure enter establish exchange exert
    expand explore extend facilitate fight find follow form foster fund give grant guarantee
    help hold identify implement improve include increase inform intensify interdict invest
    join keep launch lead limit maintain make meet monitor move negotiate note observe obtain
    offer open organize oversee participate pay permit plan pledge prepare preserve prevent
    proceed produce promote protect provide publish pursue put raise reach reaffirm recognize
    recommend reduce reflect regularize reinforce reject remain remove report resolve respect
    restart restore review ride run seek send serve set settle share sign solve start stop
    strengthen study support sustain take tighten train transfer treat undertake use verify
    welcome withdraw work prosecute""".split()
)

# Words with a bad sense: a list of good things ("democracy, tolerance") is not given
# "regional instability" as a distractor, which no reader would take for one of them.
NEGATIVE_WORDS = set(
    """instability threat threats terrorism terrorist terrorists crime crimes violence
    proliferation conflict conflicts disease diseases crisis war wars danger dangers trafficking
    drugs narcotics violators scourge rivalry enemy enemies risks risk disputes obstacles
    barriers weapons destruction""".split()
)

# Verbs that say the same of their object: "advance", "increase" and "strengthen" a thing alike.
# A false statement that has the parties "advance transparency" is no false one when the text
# has them "increasing transparency" elsewhere.
VERB_GROUPS = (
    frozenset(
        """advance promote increase expand strengthen enhance foster bolster intensify deepen
        broaden improve""".split()
    ),
    frozenset("respect uphold observe honor honour protect defend safeguard".split()),
    frozenset("reduce eliminate limit cut decrease combat counter fight prevent curb".split()),
)
