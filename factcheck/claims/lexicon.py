"""Word lists the resolver reads: what a mention can refer to.

Compiled by the project from common knowledge of English news writing: given names that are
overwhelmingly used for one gender, honorifics and gendered nouns, the nouns that describe a
person, an organisation, a place, a group or an event.  A name missing from a list only makes
the resolver less sure (an unknown gender fits both "he" and "she"); it never makes it wrong.
"""

from __future__ import annotations

_MALE = """aaron abdul abdullah adam ahmed alan albert alexander alexei alexey ali andre andrei andrew
andy angel anthony antonio antony arnold arthur barack ben benjamin benson bernard bill bob bobby boris
brad brian bruce carl carlos charles chris christian christopher colin dan daniel david dennis didier
diego dmitry donald douglas duncan edward eliud emiliano emmanuel eric erik fernando francis francisco
frank fred gareth gary geoff geoffrey george gerald giorgio gonzalo gordon greg harry hassan henry hugo
ian ibrahim igor ivan jack jacob james jan jason javier jean jeff jeffrey jensen jeremy jerome jim
jimmy joe joel john jonathan jorge jose joseph juan julian justin karl keir keith kelvin ken kenneth
kevin kylian lars lee leon leonardo lionel louis luis luke mahmoud marc marco mario mark martin matthew
max michael miguel mike mohammed muhammad narendra neil nicholas nick nicolas nigel olaf oliver omar
oscar pablo patrick paul pedro peter philip pierre rafael ralph recep richard rishi robert roger ronald
ryan salman sam samuel scott sebastian sergei sergey simon stephen steve steven stuart sultan thomas tim
timothy tom tony victor viktor vidir vincent vladimir volodymyr walter william xi yuri zac
abraham adrian ahmad akira alberto aleksandr alessandro alexis alfred alfonso amir anders andres
andrzej anton antoine arjun arturo ashok axel bashar bernie bjorn bogdan bruno caleb cameron carsten
cesar chad clarence clement craig cristiano dale damien darren dave dean derek dirk dominic donovan
dustin dwight earl eddie edgar edmund elon emil enrique ernest ethan eugene evan fabio faisal felipe
felix florian franz gabriel gavin gerhard gilbert giovanni giuseppe glenn graham guillaume gustavo
hamid hans harold harvey hector heinrich helmut herbert hiroshi horst howard hussein ignacio ilya imran
isaac jaime jair jake jamal jared javier jens jesse jesus joao joaquim jochen johan johannes jordi
josef josh joshua juergen jurgen kai kamal karim kazuo keanu kemal kenji khalid klaus kurt
lamine larry laurent lawrence leo leonid liam lorenzo lucas ludwig luiz lukas luka magnus mahathir
malcolm manuel marcel marcelo marcus mariano marius martin mateo mathias matteo matthias maurice
mauricio maxim mehmet milan mitch mitchell mohamed mohammad moses nasser nathan neymar niall nikolai
nikola noah norbert novak olivier otto owen parag pascal pavel pep percy phil pietro rahul
rajesh ramon randy raphael raul ray reinhard rene ricardo rick rodrigo roman rory ruben
rudolf rupert russell sadiq saeed salvador sanjay santiago satya saul sean sebastien sergio
shane sharif shigeru shinzo silvio stanley stefan steffen sven takeshi ted terry theo thierry tobias
todd travis trevor tyler ulrich umar uwe vance vic vikram vinicius wayne werner wesley willem wolfgang
xavier yannick yasser yitzhak yoshihide yoshihiko youssef yusuf zachary zinedine zoran""".split()

_FEMALE = """ada alice alicia amanda amy ana angela angelina ann anna anne annalena barbara beatrice
betty carla carol caroline catherine charlotte christine claire claudia diana donna dorothy elena
elisabeth elizabeth ellen emily emma eva fatima fiona florence frances giorgia grace hannah helen
hillary ingrid irene isabel jacinda jane janet jennifer jessica joan joanna josephine judith julia
julie kamala karen kate katherine kathleen kathy laura linda lisa liz lucy margaret maria marie marine
martha mary melania melissa michelle monica nancy natalia natalie nicola nina olga pamela patricia
paula rachel rebecca rosa ruth sandra sara sarah sharon sifan sophie susan suzanne tatiana theresa
tigist ursula valerie victoria virginia yulia
adele agnes aitana alexandra alison allison amelia andrea angelique anita antonia aryna ashley audrey
aurelie barbora belinda bianca brenda bridget brigitte camila carmen cassandra cecilia chelsea
chiara chloe christina cindy clara coco colette cristina cynthia daniela danielle daphne deborah
denise dilma doris edith eileen elaine eleanor elise eliza ella elsa emilia emine esther evelyn
federica francesca gabriela gabrielle gina gloria greta gwen harriet heather heidi hilda iga imelda
isabella isabelle ivanka jasmine jenny jill joanne jodie johanna joyce judy
juliet justine karin katarina katie kelly kirsty kristin lara leah leila lena leticia lina lorena
louise lucia luisa lydia madeleine magdalena maggie maja malala manuela margarethe margot marta
megan meghan melanie mia michaela milena miriam molly nadia naomi natasha nicole nora olena olivia
paola petra phoebe priscilla rania rebekah renata rita roberta sabine sally salma samantha sanna
sarina serena shannon sheila simona sofia sonia stella stephanie suella svetlana sylvia tamara tanya
teresa tina tracy uma vanessa vera veronica viola wendy yolanda yoko yvonne zara zoe""".split()

MALE_NAMES = frozenset(_MALE)
FEMALE_NAMES = frozenset(_FEMALE)

#: Honorifics and gendered nouns that say a person's gender ("Mrs May", "the king", "his father").
MALE_WORDS = frozenset(
    """mr sir lord king prince duke emperor pope father son brother husband uncle nephew grandfather
    grandson widower boy man chairman spokesman businessman sportsman actor""".split()
)
FEMALE_WORDS = frozenset(
    """mrs ms miss dame lady queen princess duchess empress mother daughter sister wife aunt niece
    grandmother granddaughter widow girl woman chairwoman spokeswoman businesswoman sportswoman actress""".split()
)

#: Nouns that describe one person by office or trade: "the president", "the coach".
PERSON_NOUNS = frozenset(
    """president prime minister leader chancellor king queen premier governor mayor senator chairman
    chairwoman chair executive chief director coach manager captain goalkeeper striker player envoy
    ambassador spokesman spokeswoman spokesperson negotiator secretary minister founder astronaut
    pilot driver swimmer runner athlete champion winner singer actor actress author writer judge
    economist analyst official general commander""".split()
)

#: Nouns that describe an organisation: "the company", "the bank", "the governing body".
ORG_NOUNS = frozenset(
    """company firm group bank agency authority regulator commission committee council body
    organisation organization ministry department party publisher club union alliance
    institute office service carrier airline maker manufacturer retailer lender insurer
    broadcaster network court board fund government""".split()
)

#: Nouns that describe a place: "the town", "the square".
PLACE_NOUNS = frozenset("""town city village country capital province region island square port""".split())
#: Of those, the ones that may stand for the one such place of the nearest earlier sentence.
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "port"})
#: Of those, the ones a country answers to.
COUNTRY_NOUNS = frozenset({"country", "nation"})

#: Nouns of a kind of party or place: "It is the fourth country to ..." speaks of one.
KIND_NOUNS = ORG_NOUNS | PLACE_NOUNS | COUNTRY_NOUNS

#: Nouns of a company, which a name the recogniser took for a place may be ("Nvidia").
COMPANY_NOUNS = frozenset(
    """company firm group maker manufacturer retailer carrier airline publisher lender insurer broadcaster""".split()
)

#: Nouns for any organisation ("the agency" may be NASA); the others ("the court", "the board",
#: "the bank") stand for an organisation whose name or description says so.
GENERIC_ORG_NOUNS = frozenset("agency organisation organization body institution group".split())

#: Verbs whose subject acts, speaks or decides: "It said", "it agreed" is an organisation, a
#: country or a person, not a thing ("It burned for 36 hours" is the rig).
AGENT_VERBS = frozenset(
    """say tell announce add warn report confirm deny claim argue insist state declare promise pledge
    vow plan intend want decide agree refuse decline reject accept approve expect hope aim seek ask
    urge call demand hire fire appoint buy sell acquire pay sue fine invest lobby vote elect accuse
    blame apologise apologize admit acknowledge respond reply comment""".split()
)
#: Plural nouns of measures and times, which a "they" does not stand for.
MEASURE_PLURALS = frozenset(
    """years months weeks days hours minutes seconds decades centuries dollars euros pounds yen cents
    percent points votes seats times kilometres kilometers miles metres meters feet tonnes tons
    barrels""".split()
)

#: Words in the name of an organisation that is no company ("The Wall Street Journal", "the FBI"):
#: "the company" never stands for it.
NON_COMPANY_WORDS = frozenset(
    """journal times post news press herald tribune gazette telegraph guardian bureau agency commission
    committee council ministry department court union authority office service administration government
    police university institute federation association house senate congress parliament assembly
    fbi cia nsa sec epa faa fda nasa esa un nato eu imf who wto opec ioc fifa uefa reuters bloomberg
    bbc cnn""".split()
)

#: Plural nouns of a group of people, countries or organisations: "the two leaders".
GROUP_PERSON_NOUNS = frozenset(
    """leaders men women presidents astronauts players ministers candidates heads brothers sisters
    sons daughters executives founders officials politicians athletes runners""".split()
)
GROUP_COUNTRY_NOUNS = frozenset("""countries nations states neighbours neighbors sides teams allies""".split())
GROUP_ORG_NOUNS = frozenset("""companies firms banks parties groups agencies clubs carriers""".split())

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}

#: Event nouns in classes of words that name the same kind of event ("that trip" = "the visit").
EVENT_CLASSES: dict[str, str] = {
    **dict.fromkeys(("visit", "trip", "tour", "journey", "stay"), "visit"),
    **dict.fromkeys(("meeting", "summit", "talks", "talk", "conference"), "meeting"),
    **dict.fromkeys(("deal", "agreement", "accord", "treaty", "pact"), "agreement"),
    **dict.fromkeys(("takeover", "acquisition", "merger", "purchase", "buyout"), "takeover"),
    **dict.fromkeys(("mission", "flight", "programme", "program", "probe"), "mission"),
    **dict.fromkeys(("landing", "touchdown"), "landing"),
    **dict.fromkeys(("launch", "liftoff"), "launch"),
    **dict.fromkeys(("election", "vote", "poll", "referendum"), "election"),
    **dict.fromkeys(("tournament", "championship", "games", "cup", "olympics"), "tournament"),
    **dict.fromkeys(("race", "marathon"), "race"),
    **dict.fromkeys(("eruption",), "eruption"),
    **dict.fromkeys(("earthquake", "quake"), "earthquake"),
    **dict.fromkeys(("evacuation",), "evacuation"),
}
#: Nouns for a part or an outcome of a named event of a class, which take its name when no other
#: event of theirs is known: "the landing" in an article on "NASA's Apollo 11 mission" is "the Apollo
#: 11 landing"; "the text" of "the COP28 talks" is "the COP28 text".
EVENT_ASPECTS: dict[str, frozenset[str]] = {
    "mission": frozenset({"mission", "landing", "launch", "crew"}),
    "tournament": frozenset({"final", "semi-final", "tournament", "victory", "opener"}),
    "meeting": frozenset({"summit", "talks", "text", "meeting", "communique"}),
    "race": frozenset({"race", "course"}),
}

#: Verbs whose event a noun of EVENT_CLASSES names ("evacuated the town" → "the evacuation of the town").
VERB_EVENTS: dict[str, str] = {"agree": "agreement", "evacuate": "evacuation", "acquire": "acquisition"}
#: Words of an event's description that say it is over ("his last trip").
PAST_EVENT_WORDS = frozenset({"last", "previous", "earlier", "former", "past", "first"})

#: Days and months: proper nouns that are never a party.
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)

#: Head nouns a demonstrative may stand before without pointing back ("this time", "that way").
NON_ANAPHORIC_DEMONSTRATIVE = frozenset(
    """time times way point morning afternoon evening night week month year weekend season decade
    century day days summer winter spring autumn fall""".split()
)
