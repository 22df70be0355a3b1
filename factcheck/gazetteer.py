"""Countries and the names that stand for them: capital, demonym, seat of government, short forms.

News writes "Moscow" or "the Kremlin" for Russia's government and "Pyongyang" for North Korea's;
such a name is the same party as its country, never another one.  :func:`country_of` maps any of
these names onto the country; :func:`same_party` says whether two names are one party.  The
table is compiled by the project from public facts (capitals, demonyms, well-known metonyms).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# country | capital | demonym(s) | other names (government seats, short and official forms)
_TABLE = """
Afghanistan|Kabul|Afghan|
Albania|Tirana|Albanian|
Algeria|Algiers|Algerian|
Argentina|Buenos Aires|Argentine,Argentinian|Casa Rosada
Armenia|Yerevan|Armenian|
Australia|Canberra|Australian|
Austria|Vienna|Austrian|
Azerbaijan|Baku|Azerbaijani|
Bangladesh|Dhaka|Bangladeshi|
Belarus|Minsk|Belarusian|
Belgium|Brussels|Belgian|
Bolivia|La Paz,Sucre|Bolivian|
Bosnia and Herzegovina|Sarajevo|Bosnian|Bosnia
Brazil|Brasilia,Brasília|Brazilian|Planalto
Bulgaria|Sofia|Bulgarian|
Cambodia|Phnom Penh|Cambodian|
Canada|Ottawa|Canadian|
Chile|Santiago|Chilean|
China|Beijing|Chinese|People's Republic of China,PRC,Zhongnanhai
Colombia|Bogota,Bogotá|Colombian|
Croatia|Zagreb|Croatian|
Cuba|Havana|Cuban|
Czech Republic|Prague|Czech|Czechia
Denmark|Copenhagen|Danish,Dane|
Egypt|Cairo|Egyptian|
Estonia|Tallinn|Estonian|
Ethiopia|Addis Ababa|Ethiopian|
Finland|Helsinki|Finnish,Finn|
France|Paris|French|Elysee,Élysée,Élysée Palace,Quai d'Orsay
Georgia|Tbilisi|Georgian|
Germany|Berlin|German|Federal Republic of Germany
Ghana|Accra|Ghanaian|
Greece|Athens|Greek|
Hungary|Budapest|Hungarian|
Iceland|Reykjavik|Icelandic,Icelander|
India|New Delhi|Indian|
Indonesia|Jakarta|Indonesian|
Iran|Tehran|Iranian|Islamic Republic of Iran
Iraq|Baghdad|Iraqi|
Ireland|Dublin|Irish|
Israel|Jerusalem|Israeli|
Italy|Rome|Italian|Palazzo Chigi
Japan|Tokyo|Japanese|
Jordan|Amman|Jordanian|
Kazakhstan|Astana|Kazakh,Kazakhstani|
Kenya|Nairobi|Kenyan|
Kuwait|Kuwait City|Kuwaiti|
Laos|Vientiane|Lao,Laotian|
Latvia|Riga|Latvian|
Lebanon|Beirut|Lebanese|
Libya|Tripoli|Libyan|
Lithuania|Vilnius|Lithuanian|
Malaysia|Kuala Lumpur|Malaysian|
Mexico|Mexico City|Mexican|
Moldova|Chisinau,Chișinău|Moldovan|
Mongolia|Ulaanbaatar|Mongolian|
Morocco|Rabat|Moroccan|
Myanmar|Naypyidaw|Myanmar,Burmese|Burma
Nepal|Kathmandu|Nepali,Nepalese|
Netherlands|Amsterdam,The Hague|Dutch|Holland
New Zealand|Wellington|New Zealander|
Nigeria|Abuja|Nigerian|
North Korea|Pyongyang|North Korean|DPRK,Democratic People's Republic of Korea
Norway|Oslo|Norwegian|
Pakistan|Islamabad|Pakistani|
Peru|Lima|Peruvian|
Philippines|Manila|Filipino,Philippine|
Poland|Warsaw|Polish,Pole|
Portugal|Lisbon|Portuguese|
Qatar|Doha|Qatari|
Romania|Bucharest|Romanian|
Russia|Moscow|Russian|Kremlin,the Kremlin,Russian Federation
Saudi Arabia|Riyadh|Saudi|
Serbia|Belgrade|Serbian|
Singapore|Singapore|Singaporean|
Slovakia|Bratislava|Slovak|
Slovenia|Ljubljana|Slovenian|
South Africa|Pretoria,Cape Town|South African|
South Korea|Seoul|South Korean|Republic of Korea,ROK
Spain|Madrid|Spanish,Spaniard|Moncloa
Sri Lanka|Colombo|Sri Lankan|
Sudan|Khartoum|Sudanese|
Sweden|Stockholm|Swedish,Swede|
Switzerland|Bern|Swiss|
Syria|Damascus|Syrian|
Taiwan|Taipei|Taiwanese|
Thailand|Bangkok|Thai|
Tunisia|Tunis|Tunisian|
Turkey|Ankara|Turkish,Turk|Türkiye
Ukraine|Kyiv,Kiev|Ukrainian|
United Arab Emirates|Abu Dhabi|Emirati|UAE
United Kingdom|London|British,Briton|UK,U.K.,Britain,Great Britain,Downing Street,Whitehall
United States|Washington|American|US,U.S.,USA,U.S.A.,America,United States of America,White House
Venezuela|Caracas|Venezuelan|
Vietnam|Hanoi|Vietnamese|Viet Nam
Yemen|Sanaa|Yemeni|
Soviet Union|Moscow|Soviet|USSR,U.S.S.R.
"""


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]
    others: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.capitals, *self.demonyms, *self.others)))


def _split(part: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in part.split(",") if x.strip())


@cache
def countries() -> dict[str, Country]:
    """The table, by country name."""
    out = {}
    for line in _TABLE.strip().splitlines():
        name, capitals, demonyms, others = (part.strip() for part in line.split("|"))
        out[name] = Country(name, _split(capitals), _split(demonyms), _split(others))
    return out


@cache
def _aliases() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in countries().values():
        for name in country.names:
            # Moscow stands for Russia today and for the Soviet Union in history: the first
            # country listed with a name keeps it.
            index.setdefault(name.lower(), country.name)
    return index


def country_of(name: str) -> str | None:
    """The country ``name`` stands for ("Moscow", "the Kremlin", "Russian" → "Russia"), or ``None``."""
    key = name.strip().lower()
    index = _aliases()
    return index.get(key) or index.get(key.removeprefix("the "))


def names_of(country: str) -> tuple[str, ...]:
    """Every name of ``country`` in the table: itself, capital(s), demonym(s), other names."""
    entry = countries().get(country)
    return entry.names if entry else ()


def same_party(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name the same country (directly or by capital, demonym, seat)."""
    ca, cb = country_of(a), country_of(b)
    if ca is None or cb is None:
        return False
    return ca == cb or {ca, cb} == {"Russia", "Soviet Union"}


def all_aliases() -> dict[str, str]:
    """Lower-cased alias → country, for every name in the table."""
    return dict(_aliases())
