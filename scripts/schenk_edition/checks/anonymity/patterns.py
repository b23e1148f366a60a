"""The patterns of the anonymity rules: quasi-identifiers in any phrasing, dates, contact data, words.

Every pattern runs in linear time on any line (tests/test_linear_time.py runs each over hostile lines): no
nested or overlapping quantifiers, every repetition bounded or anchored at a word or token start. The phrase
patterns are written in lower case and run over the lower-cased text (three times faster than IGNORECASE);
`LOWER` lists them.
"""

from __future__ import annotations

import re

WORD = re.compile(r"(?<![\w-])[A-Za-zÅÄÖåäöÉéÜü][\w-]*")

# --- numbers in words ------------------------------------------------------------------------------------
UNITS = "en|ett|två|tre|fyra|fem|sex|sju|åtta|nio"
TEENS = "tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton"
TENS = "tjugo|trettio|tretti|fyrtio|förti|femtio|femti|sextio|sexti|sjuttio|sjutti|åttio|åtti|nittio|nitti"
AGE_WORDS = rf"(?:{TENS})(?:två|tre|fyra|fem|sex|sju|åtta|nio|en|ett)?|{TEENS}"  # ten to ninety-nine
NUMBER = rf"\d{{1,3}}|{AGE_WORDS}|{UNITS}"  # any number of years
SMALL = r"[1-5]|en|ett|två|tre|fyra|fem"  # a small count of people

# --- AN005 an age --------------------------------------------------------------------------------------
AGE = re.compile(
    rf"\b(?:\d{{1,3}}|{AGE_WORDS})\s+år\s+(?:gammal|gamla|gammel|ung|fyllda|på\s+nacken)\b"
    rf"|\b(?:\d{{1,3}}-?|{AGE_WORDS})(?:åring(?:en|ar|arna)?|årig|årsåldern|årsålder|plussare)\b"
    rf"|\b(?:är|var|blir|blev|fyller|fyllde|fyllt|fylla)\s+(?:\d{{2,3}}|{AGE_WORDS})"
    r"(?:\s+år\b|(?=\s*(?:[.,;:!?)”\"…]|$)|\s+(?:och|men|när|då|nu|så|eller|fast|innan|sedan|eftersom|i|idag|jag|"
    r"hon|han|hen|vi|de|typ|ungefär|snart|redan|ju|väl)\b))"
    r"|\bfödd\s+(?:år\s+|på\s+|i\s+)?(?:(?:19|20)\d\d\b|[-–'’]\d\d\b|\d\d-talet\b|\d\d\b)"
    r"|\b\d{1,3}[ -]years?[ -]old\b|\baged\s+\d{1,3}\b|\bborn\s+(?:in\s+)?(?:19|20)\d\d\b")
# any other number of years ("52 år", "tio åren", "23 års"): an age or a tenure (not "ett år", "om ett år")
YEARS = re.compile(rf"\b(?:\d{{1,3}}|{AGE_WORDS}|två|tre|fyra|fem|sex|sju|åtta|nio)\s+år(?:s|en)?\b"
                   r"|\b\d{1,3}\s+years\b")

# --- AN016 a tenure (years of service) -------------------------------------------------------------------
TENURE = re.compile(
    r"\b(?:jobbat|jobbar|jobbade|arbetat|arbetar|arbetade|varit|suttit|anställd|anställts|verksam|hållit\s+på)"
    rf"(?:\s+[\wåäö]+){{0,3}}?\s+(?:{NUMBER})\s+år(?:s|en)?\b"
    rf"|\befter\s+(?:{NUMBER})\s+år\b"
    rf"|\b(?:{NUMBER})\s+år\s+(?:på|i|inom|hos|vid|som)\s+(?:försäkringskassan|kassan|jobbet|kontoret|myndigheten|"
    r"huset|yrket|rollen|enheten|tjänsten|handläggare|chef)"
    rf"|\b(?:{NUMBER})\s+(?:tjänsteår|års\s+(?:erfarenhet|anställning|tjänst))"
    r"|\b(?:anställd|anställdes|började|kom\s+hit|sedan)\s+(?:här\s+)?(?:år\s+|i\s+)?(?:19|20)\d\d\b"
    r"|\b(?:worked|working|been|employed)(?:\s+\w+){0,3}?\s+for\s+\d{1,2}\s+years\b"
    r"|\bafter\s+\d{1,2}\s+years\s+(?:at|in|with|as)\b")

# --- AN017 a gender and a small count (the only man, one of two women) -----------------------------------
GENDER = (r"(?:manlig|manliga|manlige|kvinnlig|kvinnliga|mannen|män|männen|kvinna|kvinnan|kvinnor|kvinnorna|"
          r"kille|killen|killar|killarna|tjej|tjejen|tjejer|tjejerna|karl|karlen|karlar|gubbe|gubben|gubbar|"
          r"pojke|pojken|flicka|flickan)")
GENDER_COUNT = re.compile(
    rf"\bend[ae]\s+(?:[\wåäö]+\s+)?{GENDER}\b"
    rf"|\b(?:en|ett|den|de|vi|dom)\s+av\s+(?:bara\s+|endast\s+)?(?:{SMALL})\s+(?:[\wåäö]+\s+)?{GENDER}\b"
    rf"|\b(?:{SMALL}|bara|endast|enbart|ensam)\s+(?:[\wåäö]+\s+)?{GENDER}\s+(?:på|i|inom)\s+(?:kontoret|enheten|"
    r"gruppen|teamet|avdelningen|sektionen|arbetsplatsen|huset|laget)\b"
    rf"|\b(?:vi|de|dom)\s+(?:är|var)\s+(?:bara\s+|endast\s+)?(?:{SMALL})\s+(?:[\wåäö]+\s+)?{GENDER}\b"
    r"|\bthe\s+only\s+(?:male|female|man|woman)\b|\bone\s+of\s+(?:two|three|four|five)\s+(?:men|women|male|female)\b")

# --- AN018 a named unit (enhet 3, sektion Syd); streets are words (lexicon.STREET_ENDINGS) -----------------
UNIT = re.compile(
    r"\b(?:enhet|enheten|sektion|sektionen|avdelning|avdelningen|team|teamet|grupp|gruppen|distrikt|distriktet|"
    r"lokalkontor|lokalkontoret|kontor|kontoret|område|området)\s+(?:nr\.?\s*|nummer\s+)?"
    r"(?:\d{1,3}[A-Za-z]?\b|(?-i:[A-ZÅÄÖ])\b(?!\.)|(?:nord|syd|öst|väst|norr|söder|öster|väster|city|centrum)\b"
    r"|(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio)\b(?!\s+[a-zåäö]))"
    r"|\b(?:enhet|enheten|sektion|sektionen|avdelning|avdelningen|team|teamet|grupp|gruppen)\s+"
    r"(?-i:[A-ZÅÄÖ][a-zåäö]+)\b",
    re.I)

# --- AN006 a date ----------------------------------------------------------------------------------------
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
DATE = re.compile(
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
    rf"|\b[0-3]?\d(?::[ae])?\s+(?:{MONTHS})\b(?:\s+(?:19|20)\d\d)?"
    rf"|\b(?:{MONTHS})\s+(?:19|20)\d\d\b"
    r"|(?<![\d/])[0-3]?\d/[01]?\d(?:[-/](?:19|20)?\d\d)?(?![\d/])")

# --- AN007–AN009 contact data and identity numbers, anywhere in docs/ -------------------------------------
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # from a token's start only: linear
PHONE = re.compile(r"(?<![\w+])(?:\+46[ -]?(?:\(0\)[ -]?)?|0)\d{1,3}(?:[ /–-]?\d){5,8}(?![\w])")
PERSONNUMMER = re.compile(r"(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|[6-8]\d|9[01])"
                          r"([-+]?)\d{4}(?![\w])")
ISSN_ISBN = re.compile(r"\b(?:ISSN|ISBN)[\s:]*$", re.I)

# The patterns that read the lower-cased text.
LOWER = (AGE, YEARS, TENURE, GENDER_COUNT, DATE)
