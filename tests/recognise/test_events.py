"""PLOVER events: trigger types, actors from the sentence, modes, modality, location and date (issue 5)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.recognise.test_quotes import annotated_doc

from marsad.recognise.events import EventLexicon, find_events
from marsad.settings import EventSettings
from marsad.text.doc import Span


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return EventLexicon.load()


def events_of(lexicon: EventLexicon, text: str, entities: dict[str, str], published: date | None = None) -> list[dict]:
    """Events as dicts with actor ids replaced by their names."""
    doc = annotated_doc(text, entities, published)
    names = {e["id"]: e["name"] for e in doc.objects["entities"]}
    out = []
    for span in find_events(doc, lexicon, EventSettings()):
        assert 0 <= span.start < span.end <= len(text)
        item = dict(span.attrs)
        for side in ("source", "target", "location"):
            item[side] = names.get(item[side])
        out.append(item)
    return out


EVENTS = [
    ("AGREE", "وقعت مصر والأردن اتفاقية للتعاون في مجال الطاقة.", {"مصر": "LOC", "الأردن": "LOC"}, "مصر", "الأردن"),
    ("AGREE", "اتفقت روسيا وتركيا على وقف إطلاق النار في المنطقة.", {"روسيا": "LOC", "تركيا": "LOC"}, "روسيا", "تركيا"),
    ("CONSULT", "التقى الرئيس إيمانويل ماكرون المستشار أولاف شولتس لبحث الأزمة.",
     {"إيمانويل ماكرون": "PER", "أولاف شولتس": "PER"}, "إيمانويل ماكرون", "أولاف شولتس"),
    ("CONSULT", "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان أمس في زيارة دولة.",
     {"شي جين بينغ": "PER", "كازاخستان": "LOC"}, "شي جين بينغ", "كازاخستان"),
    ("CONSULT", "أجرى الملك سلمان اتصالا هاتفيا مع الرئيس رجب طيب أردوغان.",
     {"الملك سلمان": "PER", "رجب طيب أردوغان": "PER"}, "الملك سلمان", "رجب طيب أردوغان"),
    ("SUPPORT", "أيدت فرنسا قرار مجلس الأمن الأخير.", {"فرنسا": "LOC", "مجلس الأمن": "ORG"}, "فرنسا", "مجلس الأمن"),
    ("SUPPORT", "رحبت السعودية بالاتفاق الموقع مع السودان.", {"السعودية": "LOC", "السودان": "LOC"}, "السعودية", "السودان"),
    ("CONCEDE", "أفرجت إيران عن الصحفي جيسون رضائيان بعد مفاوضات.",
     {"إيران": "LOC", "جيسون رضائيان": "PER"}, "إيران", "جيسون رضائيان"),
    ("CONCEDE", "تنازل حزب العمال عن مطالبه لصالح حزب المحافظين.",
     {"حزب العمال": "ORG", "حزب المحافظين": "ORG"}, "حزب العمال", "حزب المحافظين"),
    ("COOPERATE", "يتعاون الأردن مع العراق في مجال النقل.", {"الأردن": "LOC", "العراق": "LOC"}, "الأردن", "العراق"),
    ("COOPERATE", "أطلقت الصين وباكستان شراكة جديدة في الطاقة.", {"الصين": "LOC", "باكستان": "LOC"}, "الصين", "باكستان"),
    ("AID", "قدمت الإمارات مساعدات إنسانية إلى اليمن.", {"الإمارات": "LOC", "اليمن": "LOC"}, "الإمارات", "اليمن"),
    ("AID", "أرسلت اليابان منحة مالية إلى الفلبين بعد الإعصار.", {"اليابان": "LOC", "الفلبين": "LOC"}, "اليابان", "الفلبين"),
    ("RETREAT", "انسحبت روسيا من معاهدة الأجواء المفتوحة.",
     {"روسيا": "LOC", "معاهدة الأجواء المفتوحة": "ORG"}, "روسيا", "معاهدة الأجواء المفتوحة"),
    ("RETREAT", "أعلنت الولايات المتحدة انسحاب قواتها من أفغانستان.",
     {"الولايات المتحدة": "LOC", "أفغانستان": "LOC"}, "الولايات المتحدة", "أفغانستان"),
    ("REQUEST", "دعا الأمين العام أنطونيو غوتيريش إسرائيل إلى وقف العمليات.",
     {"أنطونيو غوتيريش": "PER", "إسرائيل": "LOC"}, "أنطونيو غوتيريش", "إسرائيل"),
    ("REQUEST", "طالب الاتحاد الأوروبي إيران بالإفراج عن المعتقلين.",
     {"الاتحاد الأوروبي": "ORG", "إيران": "LOC"}, "الاتحاد الأوروبي", "إيران"),
    ("ACCUSE", "اتهمت الولايات المتحدة روسيا بالتدخل في الانتخابات.",
     {"الولايات المتحدة": "LOC", "روسيا": "LOC"}, "الولايات المتحدة", "روسيا"),
    ("ACCUSE", "أدانت الجامعة العربية الهجوم على السفارة.", {"الجامعة العربية": "ORG"}, "الجامعة العربية", None),
    ("REJECT", "رفضت إيران طلب الولايات المتحدة تفتيش المواقع.",
     {"إيران": "LOC", "الولايات المتحدة": "LOC"}, "إيران", "الولايات المتحدة"),
    ("REJECT", "نفى الكرملين الاتهامات البريطانية.", {"الكرملين": "ORG"}, "الكرملين", None),
    ("THREATEN", "هددت كوريا الشمالية الولايات المتحدة بضربة قوية.",
     {"كوريا الشمالية": "LOC", "الولايات المتحدة": "LOC"}, "كوريا الشمالية", "الولايات المتحدة"),
    ("THREATEN", "توعد الحوثيون السعودية بالرد.", {"الحوثيون": "ORG", "السعودية": "LOC"}, "الحوثيون", "السعودية"),
    ("PROTEST", "احتج الاتحاد العام للشغل على قرار الحكومة.", {"الاتحاد العام للشغل": "ORG"}, "الاتحاد العام للشغل", None),
    ("PROTEST", "نفذت نقابة الأطباء إضرابا عاما في المستشفيات.", {"نقابة الأطباء": "ORG"}, "نقابة الأطباء", None),
    ("SANCTION", "فرض الاتحاد الأوروبي عقوبات جديدة على روسيا.",
     {"الاتحاد الأوروبي": "ORG", "روسيا": "LOC"}, "الاتحاد الأوروبي", "روسيا"),
    ("SANCTION", "قطعت البحرين العلاقات مع قطر.", {"البحرين": "LOC", "قطر": "LOC"}, "البحرين", "قطر"),
    ("MOBILIZE", "حشدت روسيا قواتها على حدود أوكرانيا.", {"روسيا": "LOC", "أوكرانيا": "LOC"}, "روسيا", "أوكرانيا"),
    ("MOBILIZE", "دفعت تركيا بتعزيزات عسكرية إلى إدلب.", {"تركيا": "LOC", "إدلب": "LOC"}, "تركيا", "إدلب"),
    ("COERCE", "اعتقلت الشرطة التركية الصحفي أحمد ألتان.",
     {"الشرطة التركية": "ORG", "أحمد ألتان": "PER"}, "الشرطة التركية", "أحمد ألتان"),
    ("COERCE", "فرضت إسرائيل حصارا على غزة منذ سنوات.", {"إسرائيل": "LOC", "غزة": "LOC"}, "إسرائيل", "غزة"),
    ("ASSAULT", "شنت طائرات التحالف غارات على مواقع الحوثيين.",
     {"التحالف": "ORG", "الحوثيين": "ORG"}, "التحالف", "الحوثيين"),
    ("ASSAULT", "استهدف تنظيم داعش الجيش العراقي بسيارة مفخخة.",
     {"تنظيم داعش": "ORG", "الجيش العراقي": "ORG"}, "تنظيم داعش", "الجيش العراقي"),
]


@pytest.mark.parametrize("kind, text, entities, source, target", EVENTS)
def test_events_trigger_types(lexicon, kind, text, entities, source, target):
    found = [(e["type"], e["source"], e["target"]) for e in events_of(lexicon, text, entities)]
    assert (kind, source, target) in found


@pytest.mark.parametrize("text, mode", [
    ("وصل الرئيس الصيني شي جين بينغ إلى كازاخستان أمس في زيارة دولة.", "visit"),
    ("التقى شي جين بينغ رئيس كازاخستان في أستانا.", "meeting"),
    ("أجرى شي جين بينغ اتصالا هاتفيا مع رئيس كازاخستان.", "call"),
])
def test_events_consult_mode(lexicon, text, mode):
    (event,) = events_of(lexicon, text, {"شي جين بينغ": "PER", "كازاخستان": "LOC", "أستانا": "LOC"})
    assert (event["type"], event["mode"]) == ("CONSULT", mode)


@pytest.mark.parametrize("text", [
    "لم تفرض الولايات المتحدة عقوبات على الصين.",                  # negated
    "إذا هاجمت الولايات المتحدة الصين فإن الرد سيكون قاسيا.",        # hypothetical
    "ستفرض الولايات المتحدة عقوبات على الصين.",                    # future (س)
    "من المتوقع أن تزور الولايات المتحدة الصين الشهر المقبل.",       # future
    "تعتزم الولايات المتحدة فرض عقوبات على الصين.",                 # future
])
def test_events_not_asserted_are_left_out(lexicon, text):
    assert events_of(lexicon, text, {"الولايات المتحدة": "LOC", "الصين": "LOC"}) == []


def test_events_location_and_date(lexicon):
    text = "التقى الرئيس عبد الفتاح السيسي الملك عبد الله الثاني في القاهرة."
    entities = {"عبد الفتاح السيسي": "PER", "عبد الله الثاني": "PER", "القاهرة": "LOC"}
    (event,) = events_of(lexicon, text, entities, published=date(2015, 8, 9))
    assert (event["location"], event["date"]) == ("القاهرة", "2015-08-09")


def test_events_date_from_sentence_times(lexicon):
    text = "وقعت مصر والأردن اتفاقية للتعاون يوم الاثنين."
    doc = annotated_doc(text, {"مصر": "LOC", "الأردن": "LOC"}, date(2015, 8, 9))
    start = text.index("يوم الاثنين")
    doc.spans["times"] = [Span(start, start + len("يوم الاثنين"), "time", {"type": "DATE", "value": "2015-08-03"})]
    (event,) = find_events(doc, lexicon, EventSettings())
    assert event.attrs["date"] == "2015-08-03"


def test_events_one_per_actors(lexicon):
    text = "زار الرئيس شي جين بينغ كازاخستان. وخلال الزيارة التقى شي جين بينغ رئيس كازاخستان."
    found = events_of(lexicon, text, {"شي جين بينغ": "PER", "كازاخستان": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("CONSULT", "شي جين بينغ", "كازاخستان")]


def test_events_need_entities(lexicon):
    assert events_of(lexicon, "فرض الاتحاد الأوروبي عقوبات جديدة على روسيا.", {}) == []


@pytest.mark.parametrize("text, entities, sources, target", [
    ("أعلنت السعودية والإمارات والبحرين قطع العلاقات مع قطر.",
     {"السعودية": "LOC", "الإمارات": "LOC", "البحرين": "LOC", "قطر": "LOC"}, ["السعودية", "الإمارات", "البحرين"], "قطر"),
    ("شنت القوات الحكومية والمقاومة هجوما على مواقع المتمردين في الجبل.",
     {"القوات الحكومية": "ORG", "المقاومة": "ORG", "المتمردين": "ORG"}, ["القوات الحكومية", "المقاومة"], "المتمردين"),
])
def test_events_coordinated_sources_each_act(lexicon, text, entities, sources, target):
    found = events_of(lexicon, text, entities)
    assert sorted(e["source"] for e in found) == sorted(sources)
    assert {e["target"] for e in found} == {target}


def test_events_place_after_wa_fi_is_a_setting(lexicon):
    text = "وفي حلب قصفت الطائرات الحكومية مواقع المعارضة."
    found = events_of(lexicon, text, {"حلب": "LOC", "المعارضة": "ORG"})
    assert all(e["source"] != "حلب" for e in found)


@pytest.mark.parametrize("kind, text, entities, source, target", [
    # بين X و Y after a noun trigger: the two parties
    ("AGREE", "وذكر المتحدث أن الوزارة وقعت مذكرة تفاهم بين جامعة القاهرة وشركة النصر للتعدين.",
     {"جامعة القاهرة": "ORG", "شركة النصر للتعدين": "ORG"}, "جامعة القاهرة", "شركة النصر للتعدين"),
    # a preposition of direction a few words before the actor makes it the visited party
    ("CONSULT", "وقام وزير الخارجية سامي فرج بزيارة إلى دول الجوار شملت الأردن ولبنان.",
     {"سامي فرج": "PER", "الأردن": "LOC", "لبنان": "LOC"}, "سامي فرج", "الأردن"),
    # a title carrying the preposition (بالرئيس) before the name
    ("CONSULT", "وقال رئيس الحكومة كمال بدر عقب اللقاء الذي جمعه بالرئيس الموريتاني أحمد سالم إن العلاقات متينة.",
     {"كمال بدر": "PER", "أحمد سالم": "PER"}, "كمال بدر", "أحمد سالم"),
])
def test_events_actor_structures(lexicon, kind, text, entities, source, target):
    found = [e for e in events_of(lexicon, text, entities) if e["type"] == kind]
    assert (found[0]["source"], found[0]["target"]) == (source, target)


def test_events_coordinated_subject_is_not_the_target(lexicon):
    found = events_of(lexicon, "أدان حزب الوسط وحزب الأمل الهجوم على المدنيين.", {"حزب الوسط": "ORG", "حزب الأمل": "ORG"})
    assert sorted((e["source"], e["target"]) for e in found) == [("حزب الأمل", None), ("حزب الوسط", None)]


def test_events_mutual_type_counted_once_either_way(lexicon):
    text = "وقعت مصر والأردن اتفاقية للتعاون. ووقعت الأردن ومصر اتفاقية ثانية للنقل."
    found = [e for e in events_of(lexicon, text, {"مصر": "LOC", "الأردن": "LOC"}) if e["type"] == "AGREE"]
    assert len(found) == 1


def test_events_definite_noun_names_an_earlier_organisation(lexicon):
    text = "أصدرت وزارة التجارة قرارا جديدا. وأضاف المصدر أن الوزارة دعت شركة الأمل إلى تسوية أوضاعها."
    found = [e for e in events_of(lexicon, text, {"وزارة التجارة": "ORG", "شركة الأمل": "ORG"}) if e["type"] == "REQUEST"]
    assert [(e["source"], e["target"]) for e in found] == [("وزارة التجارة", "شركة الأمل")]


@pytest.mark.parametrize("text", [
    "ونفى الوزير وجود أي اتفاق سري بين مصر وإثيوبيا.",
    "وكذب المتحدث وجود اتفاق بين مصر وإثيوبيا.",
])
def test_events_denied_agreement_is_left_out(lexicon, text):
    assert events_of(lexicon, text, {"مصر": "LOC", "إثيوبيا": "LOC"}) == []
