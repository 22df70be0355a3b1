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
Andorra|Andorra la Vella|Andorran|
Angola|Luanda|Angolan|
Antigua and Barbuda||Antiguan,Barbudan|Antigua
Argentina|Buenos Aires|Argentine,Argentinian|Casa Rosada
Armenia|Yerevan|Armenian|
Australia|Canberra|Australian|
Austria|Vienna|Austrian|
Azerbaijan|Baku|Azerbaijani|
Bahamas||Bahamian|
Bahrain|Manama|Bahraini|
Bangladesh|Dhaka|Bangladeshi|
Barbados|Bridgetown|Barbadian,Bajan|
Belarus|Minsk|Belarusian|
Belgium|Brussels|Belgian|
Belize|Belmopan|Belizean|
Benin|Porto-Novo,Cotonou|Beninese|
Bhutan|Thimphu|Bhutanese|
Bolivia|La Paz,Sucre|Bolivian|
Bosnia and Herzegovina|Sarajevo|Bosnian|Bosnia
Botswana|Gaborone|Botswanan,Motswana,Batswana|
Brazil|Brasilia,Brasília|Brazilian|Planalto
Brunei|Bandar Seri Begawan|Bruneian|Brunei Darussalam
Bulgaria|Sofia|Bulgarian|
Burkina Faso|Ouagadougou|Burkinabe,Burkinabè|
Burundi|Gitega,Bujumbura|Burundian|
Cambodia|Phnom Penh|Cambodian|
Cameroon|Yaounde,Yaoundé|Cameroonian|
Canada|Ottawa|Canadian|
Cape Verde|Praia|Cape Verdean,Cabo Verdean|Cabo Verde
Central African Republic|Bangui||
Chad|N'Djamena,Ndjamena|Chadian|
Chile|Santiago|Chilean|
China|Beijing|Chinese|People's Republic of China,PRC,Zhongnanhai
Colombia|Bogota,Bogotá|Colombian|
Comoros||Comorian|Union of the Comoros
Costa Rica||Costa Rican|
Côte d'Ivoire|Yamoussoukro,Abidjan|Ivorian|Ivory Coast,Cote d'Ivoire
Croatia|Zagreb|Croatian|
Cuba|Havana|Cuban|
Cyprus|Nicosia|Cypriot|
Czech Republic|Prague|Czech|Czechia
Democratic Republic of the Congo|Kinshasa||DRC,DR Congo,Democratic Republic of Congo,Congo-Kinshasa,Zaire
Denmark|Copenhagen|Danish,Dane|
Djibouti|Djibouti|Djiboutian|
Dominica|Roseau||Commonwealth of Dominica
Dominican Republic|Santo Domingo|Dominican|
East Timor|Dili|East Timorese,Timorese|Timor-Leste
Ecuador|Quito|Ecuadorian,Ecuadorean|
Egypt|Cairo|Egyptian|
El Salvador|San Salvador|Salvadoran,Salvadorean|
Equatorial Guinea|Malabo|Equatorial Guinean,Equatoguinean|
Eritrea|Asmara|Eritrean|
Estonia|Tallinn|Estonian|
Eswatini|Mbabane,Lobamba|Swazi|Swaziland
Ethiopia|Addis Ababa|Ethiopian|
Fiji|Suva|Fijian|
Finland|Helsinki|Finnish,Finn|
France|Paris|French|Elysee,Élysée,Élysée Palace,Quai d'Orsay
Gabon|Libreville|Gabonese|
Gambia|Banjul|Gambian|
Georgia|Tbilisi|Georgian|
Germany|Berlin|German|Federal Republic of Germany
Ghana|Accra|Ghanaian|
Greece|Athens|Greek|
Grenada||Grenadian|
Guatemala|Guatemala City|Guatemalan|
Guinea|Conakry|Guinean|
Guinea-Bissau|Bissau|Bissau-Guinean|
Guyana||Guyanese|
Haiti|Port-au-Prince|Haitian|
Holy See|Vatican City||Vatican,Vatican City State
Honduras|Tegucigalpa|Honduran|
Hungary|Budapest|Hungarian|
Iceland|Reykjavik|Icelandic,Icelander|
India|New Delhi|Indian|
Indonesia|Jakarta|Indonesian|
Iran|Tehran|Iranian|Islamic Republic of Iran
Iraq|Baghdad|Iraqi|
Ireland|Dublin|Irish|
Israel|Jerusalem|Israeli|
Italy|Rome|Italian|Palazzo Chigi
Jamaica||Jamaican|
Japan|Tokyo|Japanese|
Jordan|Amman|Jordanian|
Kazakhstan|Astana|Kazakh,Kazakhstani|
Kenya|Nairobi|Kenyan|
Kiribati|Tarawa,South Tarawa|I-Kiribati|
Kosovo|Pristina,Prishtina|Kosovar,Kosovan|
Kuwait|Kuwait City|Kuwaiti|
Kyrgyzstan|Bishkek|Kyrgyz,Kyrgyzstani|Kyrgyz Republic
Laos|Vientiane|Lao,Laotian|
Latvia|Riga|Latvian|
Lebanon|Beirut|Lebanese|
Lesotho|Maseru|Basotho,Mosotho|
Liberia|Monrovia|Liberian|
Libya|Tripoli|Libyan|
Liechtenstein|Vaduz|Liechtensteiner|
Lithuania|Vilnius|Lithuanian|
Luxembourg|Luxembourg|Luxembourger,Luxembourgish|
Madagascar|Antananarivo|Malagasy,Madagascan|
Malawi|Lilongwe|Malawian|
Malaysia|Kuala Lumpur|Malaysian|
Maldives|Malé|Maldivian|
Mali|Bamako|Malian|
Malta|Valletta|Maltese|
Marshall Islands|Majuro|Marshallese|
Mauritania|Nouakchott|Mauritanian|
Mauritius|Port Louis|Mauritian|
Mexico|Mexico City|Mexican|
Micronesia|Palikir|Micronesian|Federated States of Micronesia
Moldova|Chisinau,Chișinău|Moldovan|
Monaco|Monaco|Monegasque,Monacan|
Mongolia|Ulaanbaatar|Mongolian|
Montenegro|Podgorica|Montenegrin|
Morocco|Rabat|Moroccan|
Mozambique|Maputo|Mozambican|
Myanmar|Naypyidaw|Myanmar,Burmese|Burma
Namibia|Windhoek|Namibian|
Nauru|Yaren|Nauruan|
Nepal|Kathmandu|Nepali,Nepalese|
Netherlands|Amsterdam,The Hague|Dutch|Holland
New Zealand|Wellington|New Zealander|
Nicaragua|Managua|Nicaraguan|
Niger|Niamey|Nigerien|
Nigeria|Abuja|Nigerian|
North Korea|Pyongyang|North Korean|DPRK,Democratic People's Republic of Korea
North Macedonia|Skopje|Macedonian|Republic of North Macedonia,FYROM,Former Yugoslav Republic of Macedonia
Norway|Oslo|Norwegian|
Oman|Muscat|Omani|
Pakistan|Islamabad|Pakistani|
Palau|Ngerulmud|Palauan|
Palestine|Ramallah|Palestinian|State of Palestine,Palestinian Authority
Panama||Panamanian|
Papua New Guinea|Port Moresby|Papua New Guinean|
Paraguay|Asuncion,Asunción|Paraguayan|
Peru|Lima|Peruvian|
Philippines|Manila|Filipino,Philippine|
Poland|Warsaw|Polish,Pole|
Portugal|Lisbon|Portuguese|
Qatar|Doha|Qatari|
Republic of the Congo|Brazzaville||Republic of Congo,Congo Republic,Congo-Brazzaville
Romania|Bucharest|Romanian|
Russia|Moscow|Russian|Kremlin,the Kremlin,Russian Federation
Rwanda|Kigali|Rwandan|
Saint Kitts and Nevis|Basseterre|Kittitian,Nevisian|St Kitts and Nevis,St. Kitts and Nevis,Saint Kitts,St Kitts,St. Kitts
Saint Lucia|Castries|Saint Lucian,St Lucian|St Lucia,St. Lucia
Saint Vincent and the Grenadines|Kingstown|Vincentian|St Vincent and the Grenadines,St. Vincent and the Grenadines
Samoa|Apia|Samoan|
San Marino|San Marino|Sammarinese|
Sao Tome and Principe|Sao Tome,São Tomé|Santomean|São Tomé and Príncipe
Saudi Arabia|Riyadh|Saudi|
Senegal|Dakar|Senegalese|
Serbia|Belgrade|Serbian|
Seychelles||Seychellois|
Sierra Leone|Freetown|Sierra Leonean|
Singapore|Singapore|Singaporean|
Slovakia|Bratislava|Slovak|
Slovenia|Ljubljana|Slovenian|
Solomon Islands|Honiara|Solomon Islander|
Somalia|Mogadishu|Somali,Somalian|
South Africa|Pretoria,Cape Town|South African|
South Korea|Seoul|South Korean|Republic of Korea,ROK
South Sudan|Juba|South Sudanese|
Spain|Madrid|Spanish,Spaniard|Moncloa
Sri Lanka|Colombo|Sri Lankan|
Sudan|Khartoum|Sudanese|
Suriname|Paramaribo|Surinamese|Surinam
Sweden|Stockholm|Swedish,Swede|
Switzerland|Bern|Swiss|
Syria|Damascus|Syrian|
Taiwan|Taipei|Taiwanese|
Tajikistan|Dushanbe|Tajik,Tajikistani|
Tanzania|Dodoma,Dar es Salaam|Tanzanian|
Thailand|Bangkok|Thai|
Togo|Lome,Lomé|Togolese|
Tonga|Nuku'alofa|Tongan|
Trinidad and Tobago|Port of Spain,Port-of-Spain|Trinidadian,Tobagonian|Trinidad
Tunisia|Tunis|Tunisian|
Turkey|Ankara|Turkish,Turk|Türkiye
Turkmenistan|Ashgabat|Turkmen,Turkmenistani|
Tuvalu|Funafuti|Tuvaluan|
Uganda|Kampala|Ugandan|
Ukraine|Kyiv,Kiev|Ukrainian|
United Arab Emirates|Abu Dhabi|Emirati|UAE
United Kingdom|London|British,Briton|UK,U.K.,Britain,Great Britain,Downing Street,Whitehall
United States|Washington|American|US,U.S.,USA,U.S.A.,America,United States of America,White House
Uruguay|Montevideo|Uruguayan|
Uzbekistan|Tashkent|Uzbek,Uzbekistani|
Vanuatu|Port Vila|Ni-Vanuatu|
Venezuela|Caracas|Venezuelan|
Vietnam|Hanoi|Vietnamese|Viet Nam
Yemen|Sanaa|Yemeni|
Zambia|Lusaka|Zambian|
Zimbabwe|Harare|Zimbabwean|
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


@cache
def _capitals() -> frozenset[str]:
    return frozenset(c.lower() for country in countries().values() for c in country.capitals)


def is_capital(name: str) -> bool:
    """Whether ``name`` is a capital city of the table ("Cape Town", "Moscow"): a town, though it
    may stand for its country."""
    key = name.strip().lower()
    return key in _capitals() or key.removeprefix("the ") in _capitals()


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
