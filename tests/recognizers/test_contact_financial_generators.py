"""The contact/financial generators make valid values (by stdnum/phonenumbers/ipaddress), the
recognisers find them in sentences, and the hard negatives are never reported as these entities."""

from __future__ import annotations

import ipaddress
import random

import phonenumbers
import pytest
from stdnum import iban as stdnum_iban
from stdnum import luhn

from recognizers.credit_card import NordicCreditCardRecognizer
from recognizers.email import NordicEmailRecognizer
from recognizers.iban import NordicIbanRecognizer
from recognizers.ip_address import NordicIpAddressRecognizer
from recognizers.phone import NordicPhoneRecognizer
from recognizers.reference import detect
from scanner.settings import load_settings
from scanner.synthetic import contact_financial as cf

MIN_SCORE = load_settings().min_score
MINE = (
    NordicIbanRecognizer(), NordicCreditCardRecognizer(), NordicEmailRecognizer(),
    NordicPhoneRecognizer(), NordicIpAddressRecognizer(),
)
ENTITIES = {r.ENTITY for r in MINE}


def found(text: str, field: str | None = None) -> dict[tuple[int, int], str]:
    return {
        (d.start, d.end): d.entity_type
        for d in detect(text, field, recognizers=MINE)
        if d.score >= MIN_SCORE
    }


def assert_found(text: str, value: str, entity: str, field: str | None = None) -> None:
    start = text.index(value)
    spans = found(text, field)
    assert spans.get((start, start + len(value))) == entity, (text, spans)


@pytest.mark.parametrize("country", cf.IBAN_COUNTRIES)
def test_iban_every_registry_country(country: str) -> None:
    rng = random.Random(country)
    for grouped in (False, True):
        for lower in (False, True):
            value = cf.iban(rng, country, grouped=grouped, lower=lower)
            assert stdnum_iban.is_valid(value.upper())
            assert_found(f"Betal til {value} i dag", value, "IBAN_CODE")
    bad = cf.bad_iban(rng, country, grouped=True)
    assert not stdnum_iban.is_valid(bad)
    assert "IBAN_CODE" not in found(f"IBAN {bad}").values()


@pytest.mark.parametrize("brand", sorted(cf.CARD_BRANDS))
@pytest.mark.parametrize("sep", ["", " ", "-"])
def test_cards(brand: str, sep: str) -> None:
    rng = random.Random(brand + sep)
    for _ in range(20):
        value = cf.card(rng, brand, sep)
        assert luhn.is_valid(value.replace(sep, "") if sep else value)
        assert_found(f"Kort: {value}, udløb 12/27", value, "CREDIT_CARD")
        assert_found(f"{value}", value, "CREDIT_CARD")
        bad = cf.bad_luhn_card(rng, brand, sep)
        assert "CREDIT_CARD" not in found(f"Kort: {bad}").values()


@pytest.mark.parametrize("country", ["DK", "SE", "NO", "FI", "DE", "GB", "US"])
@pytest.mark.parametrize("style", ["international", "e164", "00"])
def test_international_phones(country: str, style: str) -> None:
    rng = random.Random(country + style)
    for _ in range(15):
        value = cf.phone(rng, country, style=style)
        digits = "+" + "".join(ch for ch in value if ch.isdigit()).removeprefix("00")
        assert phonenumbers.is_valid_number(phonenumbers.parse(digits))
        assert_found(f"Ring på {value} i morgen", value, "PHONE_NUMBER")
        assert_found(f"Kontakt: {value}", value, "PHONE_NUMBER")


@pytest.mark.parametrize("country", ["DK", "SE", "NO", "FI"])
@pytest.mark.parametrize("style", ["national", "compact"])
def test_national_phones_need_a_label(country: str, style: str) -> None:
    rng = random.Random(country + style)
    for _ in range(15):
        value = cf.phone(rng, country, style=style)
        assert_found(f"tlf. {value}", value, "PHONE_NUMBER")
        assert_found(value, value, "PHONE_NUMBER", field="mobilnummer")
        assert "PHONE_NUMBER" not in found(f"CVR {value}").values()


def test_emails() -> None:
    from faker import Faker

    rng = random.Random(3)
    fake = Faker(["da_DK", "sv_SE", "no_NO"])
    fake.seed_instance(3)
    for i in range(200):
        value = cf.email(rng, fake if i % 2 else None)
        assert_found(f'From: "X" <{value}>', value, "EMAIL_ADDRESS")
        assert_found(f"skriv til {value.upper()}.", value.upper(), "EMAIL_ADDRESS")


@pytest.mark.parametrize("form", ["compressed", "full", "unpadded", "upper", "mapped"])
def test_ipv6_forms(form: str) -> None:
    rng = random.Random(form)
    for _ in range(50):
        value = cf.ipv6(rng, form)
        ipaddress.IPv6Address(value)
        assert_found(f"Login fra {value} kl. 10:32", value, "IP_ADDRESS")


def test_ipv4() -> None:
    rng = random.Random(4)
    for private in (False, True) * 50:
        value = cf.ipv4(rng, private)
        assert ipaddress.IPv4Address(value).is_private or not private
        assert_found(f"client={value};", value, "IP_ADDRESS")


HARD_NEGATIVES = [
    (lambda r: f"Kvittering: {cf.masked_card(r, 'stars')}", set()),
    (lambda r: f"Kort {cf.masked_card(r, 'x')}", set()),
    (lambda r: f"Kort {cf.masked_card(r, 'bin')}", set()),
    (lambda r: f"CVR {cf.cvr(r)}", set()),
    (lambda r: f"CVR-nr.: {cf.cvr(r)}, tlf. 70 10 20 30", {"PHONE_NUMBER"}),
    (lambda r: f"Org.nr. {cf.no_orgnr(r)}", set()),
    (lambda r: f"Ordrenr. {cf.order_number(r)}", set()),
    (lambda r: f"EAN {cf.ean13(r)}", set()),
    (lambda r: f"UPC {cf.ean13(r, '00')}", set()),
    (lambda r: f"ts={cf.ms_timestamp(r)}", set()),
    (lambda r: f"id {cf.uuid4(r)}", set()),
    (lambda r: f"MAC {cf.mac(r)}", set()),
    (lambda r: f"MAC {cf.mac(r, '-', upper=True)}", set()),
    (lambda r: f"OID {cf.oid(r)}", set()),
    (lambda r: f"version {cf.version_run(r)}", set()),
    (lambda r: f"UA: {cf.user_agent(r)}", set()),
    (lambda r: f'<img src="{cf.retina_filename(r)}">', set()),
    (lambda r: f"{cf.bad_iban(r)}", set()),
]


@pytest.mark.parametrize("index", range(len(HARD_NEGATIVES)))
def test_hard_negatives(index: int) -> None:
    make, allowed = HARD_NEGATIVES[index]
    rng = random.Random(index)
    for _ in range(50):
        text = make(rng)
        reported = set(found(text).values()) & ENTITIES
        assert reported <= allowed, (text, reported)


def test_masks() -> None:
    rng = random.Random(5)
    value = cf.card(rng, "visa", " ")
    assert NordicCreditCardRecognizer().mask(value) == "**** **** **** " + value[-4:]
    assert NordicCreditCardRecognizer().mask(value.replace(" ", "")) == "*" * 12 + value[-4:]
    assert NordicEmailRecognizer().mask("jens.hansen@firma.dk") == "j***@firma.dk"
