"""Redaction of what users volunteer, and keyed pseudonyms. All values here are obviously fake: UK mobiles
in Ofcom's drama range (07700 900xxx), example.com addresses, made-up names and documents."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.turn.privacy import REDACTED, Redactor, pseudonym, redact

TODAY = dt.date(2026, 12, 6)
# Introductions as a locale writes them (tests' own, not the locales').
INTRODUCTIONS = (
    r"\bmy\s+name\s+is\b",
    r"\bme\s+llamo\b",
    r"\bzovem\s+se\b",
    r"\bменя\s+зовут\b",
    r"(?<!\w)[اأإ]سمي(?!\w)",
    r"(?<!\w)اسمم(?!\w)",
    r"(?<!\w)[ስሽ]መይ(?!\w)",
    r"我叫",
    r"\bcall\s+me\s+(?=(?-i:[A-Z]))",
)
HELPLINES = ("999", "112", "101", "08000 121 700", "0800 77 99", "116 006", "0300 123 1100")


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(introductions=INTRODUCTIONS, keep_numbers=HELPLINES, today=TODAY)


def assert_removed(redactor: Redactor, text: str, secret: str, kind: str) -> None:
    clean, kinds = redactor.redact(text)
    assert secret not in clean, clean
    assert REDACTED in clean
    assert kind in kinds, kinds


# ---------------------------------------------------------------- each kind


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("my number is +44 7700 900123 call me", "7700 900123"),
        ("ring 07700900123", "07700900123"),
        ("0044-7700-900789 is my friend", "7700-900789"),
        ("the house phone is (020) 7946 0321", "7946 0321"),
        ("+44 (0) 7700 900456", "7700 900456"),
        ("07700.900.654", "900.654"),
        ("zovite me na 091 234 5678", "091 234 5678"),
        ("sunati la 0712 345 678", "0712 345 678"),
        ("dzwoń 512-345-678", "512-345-678"),
        ("llámame al 612 345 678", "612 345 678"),
        ("appelle-moi au 06 12 34 56 78", "06 12 34 56 78"),
        ("gọi 0912 345 678", "0912 345 678"),
        ("我的电话13812345678", "13812345678"),
        ("звони +7 (912) 345-67-89", "345-67-89"),
        ("call 07700 900123 or 07700 900456", "900456"),
    ],
)
def test_phone_numbers_in_many_countries_formats(redactor, text, secret):
    assert_removed(redactor, text, secret, "phone")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("email me at fake.person@example.com", "fake.person@example.com"),
        ("FAKE.PERSON@EXAMPLE.COM", "FAKE.PERSON@EXAMPLE.COM"),
        ("it is fake.person at gmail dot com", "fake.person at gmail dot com"),
        ("fake dot person at gmail dot com", "fake dot person at gmail dot com"),
        ("fake(at)example(dot)com", "fake(at)example(dot)com"),
        ("fake [at] example [dot] org", "fake [at] example [dot] org"),
        ("fake.person @ example . com", "fake.person @ example . com"),
        ("pisz jan malpa example kropka pl", "jan malpa example kropka pl"),
        ("пиши ivan собака example точка ru", "ivan собака example точка ru"),
        ("escribe a fake arroba example punto com", "fake arroba example punto com"),
        ("邮箱是ceshi艾特example点com", "ceshi艾特example点com"),
    ],
)
def test_email_addresses_plain_and_spelled_out(redactor, text, secret):
    assert_removed(redactor, text, secret, "email")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("follow @fake_person99", "fake_person99"),
        ("t.me/fakeperson", "fakeperson"),
        ("https://www.instagram.com/fake.person/", "fake.person"),
        ("facebook.com/fake.person.9 or fb.com/fakeperson", "fakeperson"),
        ("tiktok.com/@fakeperson", "fakeperson"),
        ("wa.me/447700900123", "447700900123"),
        ("vk.com/id123456", "id123456"),
        ("snap: fakeperson", "fakeperson"),
        ("telegram = fake_person", "fake_person"),
        ("my snap is fake.prsn", "fake.prsn"),
        ("mon snap c'est fake.prsn", "fake.prsn"),
        ("加我微信 fake_wang88 吧", "fake_wang88"),
    ],
)
def test_social_handles(redactor, text, secret):
    assert_removed(redactor, text, secret, "handle")


@pytest.mark.parametrize(
    ("text", "secret", "kind"),
    [
        ("my NI number is QQ 12 34 56 C", "12 34 56", "ni_number"),
        ("ni qq-12-34-56-c", "12-34-56", "ni_number"),
        ("I live at M1 1AE", "M1 1AE", "uk_postcode"),
        ("postcode sw1a 1aa", "sw1a 1aa", "uk_postcode"),
        ("LS6 2QH near the park", "LS6 2QH", "uk_postcode"),
        ("passport AB1234567 was taken", "AB1234567", "passport_or_id"),
        ("BRP ZU1234567", "ZU1234567", "passport_or_id"),
        ("numéro de passeport 12AB34567", "12AB34567", "passport_or_id"),
        ("OIB 12345678901", "12345678901", "passport_or_id"),
        ("DNI 12345678Z", "12345678Z", "passport_or_id"),
        ("паспорт АВ123456", "123456", "passport_or_id"),
        ("护照E12345678", "E12345678", "passport_or_id"),
        ("iban GB82 WEST 1234 5698 7654 32 please", "5698 7654", "iban"),
        ("card 4111 1111 1111 1111", "4111 1111 1111 1111", "card"),
        ("sort code 12-34-56", "12-34-56", "sort_code"),
        ("the van is AB12 CDE", "AB12 CDE", "vehicle_registration"),
        ("ab12cde", "ab12cde", "vehicle_registration"),
        ("auto ZG 1234-AB", "1234", "vehicle_registration"),
        ("ST-123-AB", "ST-123-AB", "vehicle_registration"),
        ("ZG1234AB", "ZG1234AB", "vehicle_registration"),
        ("polskie numery WA 12345", "12345", "vehicle_registration"),
    ],
)
def test_documents_bank_details_addresses_and_plates(redactor, text, secret, kind):
    assert_removed(redactor, text, secret, kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("passport 123456789", "passport_or_id"),  # named by the word before it
        ("passport no. 123456789", "passport_or_id"),
        ("broj osobne 112233445", "passport_or_id"),
        ("my passport. call 07700 900123", "phone"),  # another sentence
        ("паспорт 4512 345678", "passport_or_id"),
        ("my pesel 85031212345", "passport_or_id"),
        ("aadhaar 1234 5678 9012", "passport_or_id"),
        ("234567890", "passport_or_id"),  # nine bare digits, no country's mobile number
        ("612345678", "phone"),  # a Spanish mobile
    ],
)
def test_long_digit_runs_go_named_phone_or_id(redactor, text, kind):
    clean, kinds = redactor.redact(text)
    assert clean.endswith(REDACTED) and kinds == [kind]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("12/03/1998", "1998"),
        ("12.03.1998", "1998"),
        ("1998-03-12", "1998"),
        ("rođen sam 5. 6. 1990.", "1990"),
        ("born 3rd march 2012", "2012"),  # a child: the birth word makes it a date of birth
        ("DOB: 12/03/2015", "2015"),
        ("née le 3 mars 2012", "2012"),
        ("urodziłem się 12 marca 1995", "1995"),
        ("родился 12.03.2010", "2010"),
        ("sinh ngày 12 tháng 3 năm 2010", "2010"),
        ("2012年3月12日出生", "2012"),
        ("متولد ۱۳۹۰/۰۵/۱۲", "۱۳۹۰"),
        ("ተወሊደ 12/03/2012", "2012"),
    ],
)
def test_dates_of_birth(redactor, text, secret):
    assert_removed(redactor, text, secret, "date_of_birth")


@pytest.mark.parametrize(
    ("text", "expected"),  # "#" stands for REDACTED
    [
        ("hi my name is Testy Fakename and i need help", "hi my name is # and i need help"),
        ("my name is: testy", "my name is: #"),
        ("me llamo pepito falsete", "me llamo # falsete"),  # lower case: only the first word is sure
        ("zovem se Ivo Ivić, trebam pomoć", "zovem se #, trebam pomoć"),
        ("меня зовут Иван Петров", "меня зовут #"),
        ("اسمي فلان الفلاني وأحتاج مساعدة", "اسمي # وأحتاج مساعدة"),  # two words at most
        ("اسمم علی\u200cرضا است", "اسمم # است"),  # the ZWNJ inside the name goes with it; "is" stays
        ("ሽመይ ሳባ እየ", "ሽመይ # እየ"),
        ("你好我叫王小明，今年二十岁", "你好我叫#,今年二十岁"),  # three Han characters at most
        ("please call me Testy", "please call me #"),
    ],
)
def test_a_name_after_an_introduction_goes_the_phrase_stays(redactor, text, expected):
    assert redactor.redact(text) == (expected.replace("#", REDACTED), ["name"])


def test_no_introductions_no_names():
    assert redact("my name is Testy") == ("my name is Testy", [])


@pytest.mark.parametrize("text", ["اسمم رو نپرسیدن", "call me back later", "my name is", "我叫"])
def test_an_introduction_without_a_name_removes_nothing(redactor, text):
    assert redactor.redact(text)[1] == []


# ---------------------------------------------------------------- normalisation tricks


@pytest.mark.parametrize(
    "text",
    [
        "07700\u200b900\u200d123",  # zero-width space and joiner
        "0770\u20600 900\ufeff123",  # word joiner, BOM
        "\u200e07700 900123\u200f",  # LRM, RLM
        "07700\u202e900123",  # bidi override
        "０７７００ ９００１２３",  # fullwidth digits
        "٠٧٧٠٠ ٩٠٠١٢٣",  # Arabic-Indic digits
        "۰۷۷۰۰ ۹۰۰۱۲۳",  # Extended Arabic-Indic (Persian) digits
        "07700_900_123",
        "07700 - 900 - 123",
        "07700–900–123",
        "07700—900—123",
        "07700/900/123",
        "(07700) 900 123",
    ],
)
def test_a_number_disguised_or_oddly_separated_is_still_one_number(redactor, text):
    clean, kinds = redactor.redact(f"call {text} tonight")
    assert clean == f"call {REDACTED} tonight" and kinds == ["phone"]


def test_fullwidth_at_and_hidden_characters_in_an_address(redactor):
    assert redactor.redact("fake.person＠example.com") == (REDACTED, ["email"])
    assert redactor.redact("fa\u200bke@example.com!") == (REDACTED + "!", ["email"])


def test_zwnj_between_letters_stays_and_nfkc_is_the_only_other_change(redactor):
    text = "روزی ۱۲ ساعت کار می\u200cکنم"
    assert redactor.redact(text) == (text, [])
    assert redactor.redact("ﬁne，ok") == ("fine,ok", [])  # NFKC: ligature and fullwidth comma


def test_format_characters_next_to_digits_go_even_in_harmless_text(redactor):
    assert redactor.redact("room\u200b 12") == ("room\u200b 12", [])
    assert redactor.redact("room 1\u200b2") == ("room 12", [])


# ---------------------------------------------------------------- what must stay


@pytest.mark.parametrize(
    "text",
    [
        "he is hurting me right now",
        "my shift is 0700-1900",
        "I work 0700-1900 6 days a week",
        "shifts 07:00-19:00 mon-sat",
        "from 7:30 to 19:00",
        "2019-2023",
        "2019 2020 2021",
        "1 200 000 dong",
        "the boss owes me 1.500.000 VND",
        "£450 a week",
        "paid £3.50/hr",
        "3.500 kn",
        "2,000 euros",
        "zarabiam 2500 zł miesięcznie",
        "روزی ۱۲ ساعت کار می\u200cکنم و ماهی ۵۰۰۰۰۰۰ تومان می\u200cگیرم",
        "我每天工作12小时，每月3000元".replace("，", ","),
        "12.03.2024",
        "since 20/11/2026 no pay",
        "I'm 17",
        "I'm 17 years old born in 2008",
        "she looks about 14",
        "we are 12 people in 2 rooms",
        "14 hours a day",
        "I called 999",
        "is 08000 121 700 free?",
        "call 0800 77 99 or 116 006",
        "+44 8000 121 700",
        "room 12, 2nd floor",
        "b2 2nd floor",
        "I owe them 2000 pounds",
        "it cost 10000km of driving",
        "UK 2019 TO 2023",
        "telegram is better than whatsapp",
        "my insta is private",
        "I was at the station. Then he came",
        "COVID 19 test",
    ],
)
def test_ordinary_text_is_left_alone(redactor, text):
    assert redactor.redact(text) == (text, [])


def test_a_directory_number_stays_beside_a_personal_one(redactor):
    clean, kinds = redactor.redact("i rang 08000 121 700 and then 07700 900123")
    assert clean == f"i rang 08000 121 700 and then {REDACTED}" and kinds == ["phone"]


def test_today_decides_which_dates_are_births():
    text = "12.03.2017"
    assert Redactor(today=dt.date(2026, 1, 1)).redact(text)[1] == ["date_of_birth"]  # would be 9 now
    assert Redactor(today=dt.date(2024, 1, 1)).redact(text) == (text, [])  # would be 7: an event


def test_kinds_are_listed_once_in_order_of_appearance(redactor):
    clean, kinds = redactor.redact("07700 900123, fake@example.com, 07700 900456, M1 1AE")
    assert kinds == ["phone", "email", "uk_postcode"]
    assert clean == f"{REDACTED}, {REDACTED}, {REDACTED}, {REDACTED}"


def test_module_level_redact_needs_no_catalog():
    assert redact("ring 07700 900123") == (f"ring {REDACTED}", ["phone"])


def test_redaction_is_quick():
    import time

    redactor = Redactor(introductions=INTRODUCTIONS, keep_numbers=HELPLINES, today=TODAY)
    text = "hi my boss took my passport. pls call me on 07700 900123 after 10pm he checks my phone in the day"
    redactor.redact(text)
    start = time.perf_counter()
    for _ in range(200):
        redactor.redact(text)
    assert (time.perf_counter() - start) / 200 < 0.002  # seconds; ~0.15 ms on a laptop


@pytest.mark.parametrize(
    "unit", ["a dot ", "1 ", "12-", "1.", "+1 ", "ab1 ", "born 12.03 ", "my name is ", "a (at) ", "1\u200b"]
)
def test_a_long_hostile_message_stays_quick(redactor, unit):
    import time

    text = (unit * 2000)[:2000]  # the longest message a channel accepts
    start = time.perf_counter()
    redactor.redact(text)
    assert time.perf_counter() - start < 0.1  # seconds; a few ms here: no regex backtracks without bound


def test_pseudonym_is_stable_keyed_and_not_the_raw_id():
    a = pseudonym(b"k1", "telegram", "123456789")
    assert a == pseudonym(b"k1", "telegram", "123456789")
    assert a != pseudonym(b"k2", "telegram", "123456789")
    assert a != pseudonym(b"k1", "web", "123456789")
    assert "123456789" not in a


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("im testy fakename, born 3rd march 2006", "testy fakename"),  # no introduction phrase, lower case
        ("I'm Testa Fakeova, born 12.03.1990", "Testa Fakeova"),
        ("jestem jan fakowski, urodzony 1990", "jan fakowski"),
    ],
)
def test_a_short_phrase_between_i_am_and_a_birth_date_is_a_name(redactor, text, name):
    assert_removed(redactor, text, name, "name")


@pytest.mark.parametrize(
    "text", ["im scared, he took my passport", "i am from romania born there", "I'm 17, born in 2008"]
)
def test_i_am_without_a_birth_date_right_after_keeps_its_words(redactor, text):
    assert redactor.redact(text)[0] == text
