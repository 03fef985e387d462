"""PLOVER events: trigger types, actors from the sentence, modes, modality, location and date (issue 5)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.recognise.events import EventLexicon, find_events
from marsad.recognise.gazetteer import KnowledgeBase
from marsad.recognise.quotes import QuoteLexicon, find_quotes
from marsad.settings import EventSettings, QuoteSettings
from marsad.text.doc import Span
from tests.recognise.test_quotes import annotated_doc


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return EventLexicon.load()


def events_of(lexicon: EventLexicon, text: str, entities: dict[str, str], published: date | None = None,
              quotes: bool = False) -> list[dict]:
    """Events as dicts with actor ids replaced by their names (after the quotes stage when `quotes`)."""
    doc = annotated_doc(text, entities, published)
    if quotes:
        doc.spans["quotes"] = find_quotes(doc, QuoteLexicon.load(), QuoteSettings())
    out = []
    spans = find_events(doc, lexicon, EventSettings())
    names = {e["id"]: e["name"] for e in doc.objects["entities"]}  # after: collective actors that act join them
    for span in spans:
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
    ("REJECT", "رفض حزب النهضة دعوة الرئيس قيس سعيد إلى الحوار.",
     {"حزب النهضة": "ORG", "قيس سعيد": "PER"}, "حزب النهضة", "قيس سعيد"),
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
    "وتساءل الكاتب عن أي اتفاق بين الولايات المتحدة والصين يمكن أن يصمد.",  # any agreement: none in particular
])
def test_events_not_asserted_are_left_out(lexicon, text):
    assert events_of(lexicon, text, {"الولايات المتحدة": "LOC", "الصين": "LOC"}) == []


@pytest.mark.parametrize("text, kind", [
    ("ستفرض الولايات المتحدة عقوبات على الصين.", "SANCTION"),            # the prefix س
    ("من المتوقع أن تزور الولايات المتحدة الصين الشهر المقبل.", "CONSULT"),
    ("تعتزم الولايات المتحدة فرض عقوبات على الصين.", "SANCTION"),
    ("تعتزم الولايات المتحدة والصين توقيع اتفاق لتبادل الطلاب.", "AGREE"),  # two parties before the trigger
])
def test_events_future_are_kept_with_their_status(lexicon, text, kind):
    found = events_of(lexicon, text, {"الولايات المتحدة": "LOC", "الصين": "LOC"})
    assert [(e["type"], e["status"], e["source"], e["target"]) for e in found] == \
        [(kind, "future", "الولايات المتحدة", "الصين")]


def test_events_asserted_status(lexicon):
    (event,) = events_of(lexicon, "فرض الاتحاد الأوروبي عقوبات جديدة على روسيا.",
                         {"الاتحاد الأوروبي": "ORG", "روسيا": "LOC"})
    assert event["status"] == "asserted"


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


# Triggers added for issue 5's second pass, two or more per type, each in a sentence written for this test.
NEW_TRIGGERS = [
    ("CONSULT", "ناقش وزير الخارجية سامي فرج مع نظيره الأردني أيمن الصفدي أزمة المياه.",
     {"سامي فرج": "PER", "أيمن الصفدي": "PER"}, "سامي فرج", "أيمن الصفدي"),
    ("CONSULT", "تشاور الرئيس كمال بدر مع رئيس الحكومة ليلى حسن حول الميزانية.",
     {"كمال بدر": "PER", "ليلى حسن": "PER"}, "كمال بدر", "ليلى حسن"),
    ("AGREE", "أمضت تونس والجزائر اتفاقية لتنظيم العبور على الحدود.", {"تونس": "LOC", "الجزائر": "LOC"}, "تونس", "الجزائر"),
    ("AGREE", "صادقت كينيا على اتفاقية التجارة الحرة مع أوغندا.", {"كينيا": "LOC", "أوغندا": "LOC"}, "كينيا", "أوغندا"),
    ("COOPERATE", "نظمت وزارة الصحة بالتنسيق مع منظمة الصحة العالمية حملة للتلقيح.",
     {"وزارة الصحة": "ORG", "منظمة الصحة العالمية": "ORG"}, "وزارة الصحة", "منظمة الصحة العالمية"),
    ("COOPERATE", "نسقت الشرطة الإسبانية مع الشرطة المغربية لتفكيك الشبكة.",
     {"الشرطة الإسبانية": "ORG", "الشرطة المغربية": "ORG"}, "الشرطة الإسبانية", "الشرطة المغربية"),
    ("SUPPORT", "تضامنت نقابة الصحفيين مع الصحفي أحمد علي بعد توقيفه.",
     {"نقابة الصحفيين": "ORG", "أحمد علي": "PER"}, "نقابة الصحفيين", "أحمد علي"),
    ("SUPPORT", "أعرب الاتحاد الأفريقي عن دعمه لحكومة الصومال.",
     {"الاتحاد الأفريقي": "ORG", "حكومة الصومال": "ORG"}, "الاتحاد الأفريقي", "حكومة الصومال"),
    ("MOBILIZE", "أرسلت فرنسا تعزيزات عسكرية إلى مالي.", {"فرنسا": "LOC", "مالي": "LOC"}, "فرنسا", "مالي"),
    ("MOBILIZE", "أرسل حلف الناتو قوات إضافية إلى بولندا.", {"حلف الناتو": "ORG", "بولندا": "LOC"}, "حلف الناتو", "بولندا"),
    ("COERCE", "أسرت حركة طالبان الجندي مارك سميث قرب الحدود.",
     {"حركة طالبان": "ORG", "مارك سميث": "PER"}, "حركة طالبان", "مارك سميث"),
    ("COERCE", "سيطر الجيش السوداني على مدينة ود مدني بعد معارك.",
     {"الجيش السوداني": "ORG", "ود مدني": "LOC"}, "الجيش السوداني", "ود مدني"),
    ("AID", "وحصلت جمعية الأمل على منحة من الاتحاد الأوروبي لتجهيز المدارس.",
     {"جمعية الأمل": "ORG", "الاتحاد الأوروبي": "ORG"}, "الاتحاد الأوروبي", "جمعية الأمل"),
    ("AID", "تلقت الحكومة اللبنانية مساعدات من البنك الدولي بعد الانفجار.",
     {"الحكومة اللبنانية": "ORG", "البنك الدولي": "ORG"}, "البنك الدولي", "الحكومة اللبنانية"),
]


@pytest.mark.parametrize("kind, text, entities, source, target", NEW_TRIGGERS)
def test_events_new_triggers(lexicon, kind, text, entities, source, target):
    found = [(e["type"], e["source"], e["target"]) for e in events_of(lexicon, text, entities)]
    assert (kind, source, target) in found


# A circumstantial participle acts for the subject of its clause: the speaker of the statement.
PARTICIPLES = [
    ("SUPPORT", "وقال الوزير سامي فرج إن المحادثات كانت مثمرة، مشيدا بالدور الذي تقوم به قطر في الوساطة.", "قطر"),
    ("REQUEST", "وقال الوزير سامي فرج إن الوضع خطير، مطالبا إسرائيل بفتح المعابر.", "إسرائيل"),
    ("REQUEST", "وقال الوزير سامي فرج إن الأزمة طويلة، داعيا إيران إلى ضبط النفس.", "إيران"),
    ("ACCUSE", "وقال الوزير سامي فرج إن الحدود مغلقة، متهما إسرائيل بعرقلة دخول الشاحنات.", "إسرائيل"),
    ("ACCUSE", "وقال الوزير سامي فرج إن الضحايا مدنيون، منددا بالقصف الذي نفذته إسرائيل.", "إسرائيل"),
    ("REJECT", "وقال الوزير سامي فرج إن الخطة غير واقعية، رافضا مقترح إسرائيل للتهدئة.", "إسرائيل"),
    ("REJECT", "وقال الوزير سامي فرج إن الاجتماع كان مفيدا، نافيا أي خلاف مع قطر.", "قطر"),
    ("THREATEN", "وقال الوزير سامي فرج إن بلاده لن تسكت، متوعدا إسرائيل برد قاس.", "إسرائيل"),
    ("THREATEN", "وقال الوزير سامي فرج إن الصبر نفد، مهددا إيران بعقوبات جديدة.", "إيران"),
]


@pytest.mark.parametrize("kind, text, target", PARTICIPLES)
def test_events_participle_takes_the_speaker(lexicon, kind, text, target):
    entities = {"سامي فرج": "PER", "قطر": "LOC", "إسرائيل": "LOC", "إيران": "LOC"}
    found = [(e["type"], e["source"], e["target"]) for e in events_of(lexicon, text, entities, quotes=True)]
    assert (kind, "سامي فرج", target) in found


@pytest.mark.parametrize("text, kind, target", [
    ("وقال الوزير سامي فرج: «وقعنا اليوم اتفاقية مع تركيا لتطوير الموانئ».", "AGREE", "تركيا"),
    ("وقال الوزير سامي فرج: «نطالب إيران بالإفراج عن البحارة فورا».", "REQUEST", "إيران"),
    ("وقال الوزير سامي فرج إننا ناقشنا الملف مع تركيا بالتفصيل.", "CONSULT", "تركيا"),
])
def test_events_first_person_verb_takes_the_speaker(lexicon, text, kind, target):
    found = events_of(lexicon, text, {"سامي فرج": "PER", "تركيا": "LOC", "إيران": "LOC"}, quotes=True)
    assert [(e["type"], e["source"], e["target"]) for e in found if e["type"] == kind] == [(kind, "سامي فرج", target)]


def test_events_first_person_verb_without_a_speaker_names_no_source(lexicon):
    found = events_of(lexicon, "«اتفقنا على كل شيء» هكذا لخص المشهد في القاهرة وعمان.", {"القاهرة": "LOC", "عمان": "LOC"})
    assert found == []


def test_events_reported_speech_names_its_own_actors(lexicon):
    text = "وأكدت متحدثة باسم شركة النور لوكالة الأنباء الألمانية أن المصنع استهدف أمس."
    found = events_of(lexicon, text, {"شركة النور": "ORG", "وكالة الأنباء الألمانية": "ORG"}, quotes=True)
    assert found == []


def test_events_announced_act_is_the_speakers(lexicon):
    text = "أعلنت جزر القمر قطع العلاقات مع إيران."
    found = events_of(lexicon, text, {"جزر القمر": "LOC", "إيران": "LOC"}, quotes=True)
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("SANCTION", "جزر القمر", "إيران")]


def test_events_closing_quotation_ends_the_clause(lexicon):
    text = "انتقد الكاتب «سياسات شركة الأمل الجديدة في التوظيف»، ودعا إلى مراجعتها."
    found = events_of(lexicon, text, {"شركة الأمل": "ORG"})
    assert all(e["type"] != "REQUEST" for e in found)


def test_events_quoted_name_is_still_an_actor(lexicon):
    found = events_of(lexicon, "وطالبت «حماس» إسرائيل بفتح المعابر.", {"حماس": "ORG", "إسرائيل": "LOC"})
    assert ("REQUEST", "حماس", "إسرائيل") in [(e["type"], e["source"], e["target"]) for e in found]


def test_events_parties_of_bayna_are_no_target(lexicon):
    text = "يدعم الرئيس كمال بدر جهود السلام بين إسرائيل والفلسطينيين."
    assert events_of(lexicon, text, {"كمال بدر": "PER", "إسرائيل": "LOC"}) == []


def test_events_rejection_needs_a_target(lexicon):
    assert events_of(lexicon, "نفى الكرملين الاتهامات البريطانية.", {"الكرملين": "ORG"}) == []


def test_events_complement_trigger_is_no_second_event(lexicon):
    found = events_of(lexicon, "وقعت مصر والأردن اتفاقية شراكة في مجال الطاقة.", {"مصر": "LOC", "الأردن": "LOC"})
    assert [e["type"] for e in found] == ["AGREE"]


def test_events_content_of_an_accusation_is_no_fact(lexicon):
    text = "اتهمت الحكومة السودانية قوات الدعم السريع بقصف مدينة الفاشر."
    found = events_of(lexicon, text, {"الحكومة السودانية": "ORG", "قوات الدعم السريع": "ORG", "الفاشر": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("ACCUSE", "الحكومة السودانية", "قوات الدعم السريع")]


def test_events_sanction_with_grounds_is_also_an_accusation(lexicon):
    text = "قطعت جزر القمر العلاقات مع إيران بسبب تدخلها في شؤون المنطقة."
    found = events_of(lexicon, text, {"جزر القمر": "LOC", "إيران": "LOC"})
    assert sorted((e["type"], e["source"], e["target"]) for e in found) == [
        ("ACCUSE", "جزر القمر", "إيران"), ("SANCTION", "جزر القمر", "إيران")]


def test_events_force_on_a_place_targets_it(lexicon):
    found = events_of(lexicon, "قصف الجيش السوري مدينة إدلب بالبراميل المتفجرة.", {"الجيش السوري": "ORG", "إدلب": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("ASSAULT", "الجيش السوري", "إدلب")]


def test_events_accusative_word_after_the_verb_is_no_subject(lexicon):
    text = "هاجم مسلحون مجهولون موكباً لوزير الداخلية سامي فرج في العاصمة."
    assert all(e["source"] != "سامي فرج" for e in events_of(lexicon, text, {"سامي فرج": "PER"}))


def test_events_actor_in_a_relative_clause_is_the_target(lexicon):
    text = "أشاد حزب الأمل بالجهود التي بذلتها سلطنة عمان في الوساطة."
    found = events_of(lexicon, text, {"حزب الأمل": "ORG", "سلطنة عمان": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("SUPPORT", "حزب الأمل", "سلطنة عمان")]


def test_events_target_after_a_long_subject(lexicon):
    text = "طالب رئيس لجنة الشؤون الخارجية في البرلمان الأوروبي دافيد ماكاليستر الحكومة التركية بالإفراج عن الصحفيين."
    entities = {"البرلمان الأوروبي": "ORG", "دافيد ماكاليستر": "PER", "الحكومة التركية": "ORG"}
    found = [e for e in events_of(lexicon, text, entities) if e["type"] == "REQUEST"]
    assert [(e["source"], e["target"]) for e in found] == [("دافيد ماكاليستر", "الحكومة التركية")]


def test_events_place_after_a_place_noun_is_a_setting(lexicon):
    text = "ونظمت نقابة المعلمين اعتصاما في ساحة الحرية وسط مدينة تعز."
    found = events_of(lexicon, text, {"نقابة المعلمين": "ORG", "الحرية": "LOC", "تعز": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("PROTEST", "نقابة المعلمين", None)]


def test_events_untargeted_repeat_of_an_act_is_dropped(lexicon):
    text = "طالبت منظمة العفو الدولية السلطات المصرية بالإفراج عن المعتقلين. وطالبت منظمة العفو الدولية بفتح تحقيق."
    found = events_of(lexicon, text, {"منظمة العفو الدولية": "ORG", "السلطات المصرية": "ORG"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("REQUEST", "منظمة العفو الدولية", "السلطات المصرية")]


def test_events_definite_noun_after_a_noun_trigger_names_an_organisation(lexicon):
    text = "وصلت بعثة الأمم المتحدة للدعم إلى طرابلس. وأعلن المتحدث عن طلب البعثة تمديد ولايتها."
    found = events_of(lexicon, text, {"بعثة الأمم المتحدة للدعم": "ORG", "طرابلس": "LOC"})
    assert ("REQUEST", "بعثة الأمم المتحدة للدعم", None) in [(e["type"], e["source"], e["target"]) for e in found]


# Collective actors (data/lexicons/collective_actors.tsv): coalitions, forces, militias and blocs the entities
# stage may leave unnamed act in events, and those that do become ORG entities of the document.
COLLECTIVE = [
    ("ASSAULT", "وقصفت طائرات التحالف الدولي مواقع لتنظيم الدولة قرب الرقة.", {"تنظيم الدولة": "ORG", "الرقة": "LOC"},
     "التحالف الدولي", "تنظيم الدولة"),
    ("ASSAULT", "شنت المقاومة الشعبية هجوما على مواقع الحوثيين شرق المدينة.", {}, "المقاومة الشعبية", "الحوثيين"),
    ("COERCE", "واعتقلت قوات الدعم السريع الناشط كمال عوض في الخرطوم.", {"كمال عوض": "PER", "الخرطوم": "LOC"},
     "قوات الدعم السريع", "كمال عوض"),
    ("AGREE", "وقعت إيران اتفاقا مع السداسية الدولية بعد مفاوضات طويلة.", {"إيران": "LOC"}, "إيران", "السداسية الدولية"),
    # a clitic before the name: ل + ال (للتحالف)، ب
    ("SUPPORT", "أعلنت الحكومة اليمنية دعمها للتحالف العربي في عملياته.", {"الحكومة اليمنية": "ORG"},
     "الحكومة اليمنية", "التحالف العربي"),
]


@pytest.mark.parametrize("kind, text, entities, source, target", COLLECTIVE)
def test_events_collective_actors(lexicon, kind, text, entities, source, target):
    found = [(e["type"], e["source"], e["target"]) for e in events_of(lexicon, text, entities)]
    assert (kind, source, target) in found


def test_events_collective_actor_becomes_an_entity_with_every_mention(lexicon):
    text = "هاجمت المقاومة الشعبية مواقع للمتمردين في مأرب. وقالت المقاومة إنها ستواصل القتال."
    doc = annotated_doc(text, {"مأرب": "LOC"})
    spans = find_events(doc, lexicon, EventSettings())
    actor = next(e for e in doc.objects["entities"] if e["name"] == "المقاومة الشعبية")
    assert actor["type"] == "ORG" and actor["id"] == "E2" and actor["kb_id"] is None
    assert [text[s.start:s.end] for s in doc.spans["entities"] if s.attrs["entity"] == "E2"] == [
        "المقاومة الشعبية", "المقاومة"]
    assert [(s.attrs["type"], s.attrs["source"], s.attrs["target"]) for s in spans] == [("ASSAULT", "E2", "E1")]


def test_events_short_form_needs_the_full_form_first(lexicon):
    # المقاومة alone may be any resistance; after المقاومة الشعبية it is that one
    assert events_of(lexicon, "هاجمت المقاومة مواقع في مأرب.", {"مأرب": "LOC"}) == []
    found = events_of(lexicon, "تقدمت المقاومة الشعبية شمالا. ثم هاجمت المقاومة مواقع في مأرب.", {"مأرب": "LOC"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("ASSAULT", "المقاومة الشعبية", "مأرب")]


def test_events_collective_actor_without_an_event_is_no_entity(lexicon):
    doc = annotated_doc("عقدت المقاومة الشعبية مؤتمرا صحفيا في عدن.", {"عدن": "LOC"})
    find_events(doc, lexicon, EventSettings())
    assert [e["name"] for e in doc.objects["entities"]] == ["عدن"]


def test_events_named_entity_wins_over_the_collective_lexicon(lexicon):
    found = events_of(lexicon, "قصفت قوات التحالف الدولي مواقع لتنظيم الدولة.",
                      {"قوات التحالف الدولي": "ORG", "تنظيم الدولة": "ORG"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("ASSAULT", "قوات التحالف الدولي", "تنظيم الدولة")]


def test_events_subject_after_a_complementizer_is_not_governed(lexicon):
    # إلى أن المقاومة: إلى governs the clause, not the actor that opens it
    text = "وأشارت المصادر إلى أن الجيش الوطني تمكن من أسر القيادي فؤاد سالم قرب الحدود."
    found = events_of(lexicon, text, {"فؤاد سالم": "PER"})
    assert ("COERCE", "الجيش الوطني", "فؤاد سالم") in [(e["type"], e["source"], e["target"]) for e in found]


def test_events_attack_with_no_target_lands_on_the_place_of_the_clause(lexicon):
    text = "وفي حمص (وسط سوريا) قصفت القوات الحكومية أحياء سكنية بالمدفعية."
    found = events_of(lexicon, text, {"حمص": "LOC", "سوريا": "LOC", "القوات الحكومية": "ORG"})
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("ASSAULT", "القوات الحكومية", "حمص")]


def test_events_attack_named_by_its_place_has_no_target(lexicon):
    text = "وهجوم ليون هو الأعنف في فرنسا منذ سنوات."
    assert events_of(lexicon, text, {"ليون": "LOC", "فرنسا": "LOC"}) == []


def test_events_arrest_with_no_target_does_not_take_the_place(lexicon):
    text = "وفي حمص اعتقلت القوات الحكومية عددا من الشبان."
    assert events_of(lexicon, text, {"حمص": "LOC", "القوات الحكومية": "ORG"}) == []


def test_events_two_actors_before_an_attack(lexicon):
    # نفذت قوات X ضد Y ضربات: the preposition marks the target before the trigger
    text = "نفذت قوات حلف الناتو ضد حركة طالبان ضربات جوية في قندهار."
    found = events_of(lexicon, text, {"حلف الناتو": "ORG", "حركة طالبان": "ORG", "قندهار": "LOC"})
    assert ("ASSAULT", "حلف الناتو", "حركة طالبان") in [(e["type"], e["source"], e["target"]) for e in found]


def test_events_co_actors_before_a_relative_clause_are_not_source_and_target(lexicon):
    text = "تشهد البلدات انتفاضة ضد قوات حزب الوحدة وفلان الزين التي سيطرت عليها قبل عام."
    found = events_of(lexicon, text, {"حزب الوحدة": "ORG", "فلان الزين": "PER"})
    assert found == []


def test_events_control_held_over_a_place_is_no_event(lexicon):
    text = "وأحكم الجيش السوداني سيطرته على مدينة ود مدني بعد معارك."
    assert events_of(lexicon, text, {"الجيش السوداني": "ORG", "ود مدني": "LOC"}) == []


def with_countries(text: str, entities: dict[str, str]):
    """annotated_doc with each country's knowledge-base id, as the link stage gives it."""
    doc = annotated_doc(text, entities)
    kb = KnowledgeBase.load()
    for entity in doc.objects["entities"]:
        entry = kb.lookup(entity["name"])
        entity["kb_id"] = entry.id if entry else None
    return doc


# Two states named by adjectives of nationality after a meeting or an accord are its parties.
NISBA = [
    ("CONSULT", "وأكد الوزير أن انعقاد اللجنة العليا المشتركة المغربية الموريتانية يفتح آفاقا جديدة بين المغرب وموريتانيا.",
     {"المغرب": "LOC", "موريتانيا": "LOC"}, {"المغرب", "موريتانيا"}),
    ("CONSULT", "تناولت القمة المصرية الأردنية في العقبة ملف المياه. وزار الأردن وفد من مصر.",
     {"العقبة": "LOC", "الأردن": "LOC", "مصر": "LOC"}, {"مصر", "الأردن"}),
    ("AGREE", "دخل الاتفاق التركي الروسي حيز التنفيذ أمس بعد أن رحبت به تركيا وروسيا.",
     {"تركيا": "LOC", "روسيا": "LOC"}, {"تركيا", "روسيا"}),
]


@pytest.mark.parametrize("kind, text, entities, parties", NISBA)
def test_events_parties_named_by_nationality(lexicon, kind, text, entities, parties):
    doc = with_countries(text, entities)
    names = {e["id"]: e["name"] for e in doc.objects["entities"]}
    found = [(s.attrs["type"], {names[s.attrs["source"]], names[s.attrs["target"]]})
             for s in find_events(doc, lexicon, EventSettings()) if s.attrs["source"] and s.attrs["target"]]
    assert (kind, parties) in found


def test_events_pair_noun_needs_two_nationalities_of_named_states(lexicon):
    # one adjective, or a state the article never names, leaves the summit without parties
    for text in ("انطلقت القمة العربية في الرياض بحضور وفد من مصر.", "انطلقت القمة المصرية الكينية في نيروبي بحضور وفد من مصر."):
        doc = with_countries(text, {"الرياض": "LOC", "مصر": "LOC", "نيروبي": "LOC"})
        assert [s.attrs["type"] for s in find_events(doc, lexicon, EventSettings())] == []


REJECTIONS = [
    ("وصفت الوزارة الاتهامات التي نشرتها صحيفة الأيام بالكاذبة.", {"الوزارة": "ORG", "صحيفة الأيام": "ORG"},
     "الوزارة", "صحيفة الأيام"),
    ("ودحضت شركة النور ما أورده تقرير منظمة الشفافية عن صفقاتها.", {"شركة النور": "ORG", "منظمة الشفافية": "ORG"},
     "شركة النور", "منظمة الشفافية"),
]


# Round 3: triggers found missing on unannotated news, two or more per group, in sentences written for this test.
MINED_TRIGGERS = [
    ("COERCE", "ألقت الشرطة الفرنسية القبض على المشتبه به كريم بن علي في مرسيليا.",
     {"الشرطة الفرنسية": "ORG", "كريم بن علي": "PER", "مرسيليا": "LOC"}, "الشرطة الفرنسية", "كريم بن علي"),
    ("COERCE", "أعلنت وزارة الداخلية توقيف الصحفي سامي نور بعد مداخلة إذاعية.",
     {"وزارة الداخلية": "ORG", "سامي نور": "PER"}, "وزارة الداخلية", "سامي نور"),
    ("COERCE", "قضت المحكمة العسكرية بسجن الناشط أمين صالح ثلاث سنوات.",
     {"المحكمة العسكرية": "ORG", "أمين صالح": "PER"}, "المحكمة العسكرية", "أمين صالح"),
    ("CONCEDE", "أطلقت حركة طالبان سراح المهندس جون ميلر بعد وساطة قطرية.",
     {"حركة طالبان": "ORG", "جون ميلر": "PER"}, "حركة طالبان", "جون ميلر"),
    ("CONCEDE", "وقررت السلطات المصرية إطلاق سراح الباحث باتريك زكي.",
     {"السلطات المصرية": "ORG", "باتريك زكي": "PER"}, "السلطات المصرية", "باتريك زكي"),
    ("CONSULT", "بدأت الحكومة السودانية مفاوضات مع الحركة الشعبية في جوبا.",
     {"الحكومة السودانية": "ORG", "الحركة الشعبية": "ORG", "جوبا": "LOC"}, "الحكومة السودانية", "الحركة الشعبية"),
    ("CONSULT", "وأكد الأمين العام أن نقابة المعلمين قبلت التفاوض مع وزارة التربية.",
     {"نقابة المعلمين": "ORG", "وزارة التربية": "ORG"}, "نقابة المعلمين", "وزارة التربية"),
    ("CONSULT", "تلقى الملك عبد الله الثاني اتصالا هاتفيا من الرئيس محمود عباس.",
     {"عبد الله الثاني": "PER", "محمود عباس": "PER"}, "محمود عباس", "عبد الله الثاني"),
    ("CONSULT", "وتحادث الرئيس كمال بدر هاتفيا مع نظيره الجزائري سليم فارس.",
     {"كمال بدر": "PER", "سليم فارس": "PER"}, "كمال بدر", "سليم فارس"),
    ("CONSULT", "وقال الوزير سامي فرج إنه بحث خلال لقائه مع رئيس البرلمان نادر عيسى ملف الانتخابات.",
     {"سامي فرج": "PER", "نادر عيسى": "PER"}, "سامي فرج", "نادر عيسى"),
    ("ACCUSE", "وعبرت الحكومة الجزائرية عن إدانتها للهجوم الذي استهدف قافلة المساعدات.",
     {"الحكومة الجزائرية": "ORG"}, "الحكومة الجزائرية", None),
    ("ACCUSE", "شجبت الجامعة العربية قرار حكومة الاحتلال بناء مستوطنات جديدة.",
     {"الجامعة العربية": "ORG"}, "الجامعة العربية", None),
    ("ACCUSE", "وأعرب حزب العمال عن استنكاره لقرار وزارة الداخلية منع المسيرة.",
     {"حزب العمال": "ORG", "وزارة الداخلية": "ORG"}, "حزب العمال", "وزارة الداخلية"),
    ("REJECT", "وجدد حزب الأمة رفضه لقرار الحكومة الانتقالية رفع الأسعار.",
     {"حزب الأمة": "ORG", "الحكومة الانتقالية": "ORG"}, "حزب الأمة", "الحكومة الانتقالية"),
    ("REJECT", "وأكدت الأردن رفضها لخطة إسرائيل ضم أراض في الضفة.", {"الأردن": "LOC", "إسرائيل": "LOC"}, "الأردن", "إسرائيل"),
    ("SUPPORT", "أعلن الاتحاد الأفريقي مساندته لحكومة مالي في مواجهة المتمردين.",
     {"الاتحاد الأفريقي": "ORG", "حكومة مالي": "ORG"}, "الاتحاد الأفريقي", "حكومة مالي"),
    ("SUPPORT", "وأكدت مصر تضامنها مع الأردن في مواجهة الإرهاب.", {"مصر": "LOC", "الأردن": "LOC"}, "مصر", "الأردن"),
    ("SUPPORT", "وجدد الحزب الاشتراكي تأييده لترشح الوزير سليم فارس.",
     {"الحزب الاشتراكي": "ORG", "سليم فارس": "PER"}, "الحزب الاشتراكي", "سليم فارس"),
    ("AID", "منح صندوق النقد الدولي مصر قرضا بقيمة ثلاثة مليارات دولار.",
     {"صندوق النقد الدولي": "ORG", "مصر": "LOC"}, "صندوق النقد الدولي", "مصر"),
    ("AID", "قدمت اليابان هبة لتونس لتجهيز المستشفيات الجهوية.", {"اليابان": "LOC", "تونس": "LOC"}, "اليابان", "تونس"),
    ("REQUEST", "ورحلت السلطات الإيطالية الشاب بطلب من تونس.",
     {"السلطات الإيطالية": "ORG", "تونس": "LOC"}, "تونس", "السلطات الإيطالية"),
    ("REQUEST", "وقد فتحت النيابة العامة تحقيقا بطلب من وزارة العدل.",
     {"النيابة العامة": "ORG", "وزارة العدل": "ORG"}, "وزارة العدل", "النيابة العامة"),
]


@pytest.mark.parametrize("kind, text, entities, source, target",
                         EVENTS + [("REJECT", *case) for case in REJECTIONS] + MINED_TRIGGERS)
def test_events_trigger_types(lexicon, kind, text, entities, source, target):
    """Each trigger gives its event type with its source and target (the three tables above)."""
    found = [(e["type"], e["source"], e["target"]) for e in events_of(lexicon, text, entities)]
    assert (kind, source, target) in found


@pytest.mark.parametrize("text, entities", [
    ("ألقت الشرطة القبض على مشتبه به في مدينة صفاقس.", {"الشرطة": "ORG", "صفاقس": "LOC"}),  # the place is not arrested
    ("أعلنت تونس في بلاغ صادر عن وزارة الصحة انطلاق حملة التلقيح.", {"تونس": "LOC", "وزارة الصحة": "ORG"}),  # issued, not seized
])
def test_events_mined_non_events(lexicon, text, entities):
    assert events_of(lexicon, text, entities) == []


def test_events_assault_noun_is_not_the_condemners(lexicon):
    """الاعتداء على X names no attacker: the country that condemns it did not attack."""
    found = events_of(lexicon, "أدانت الجامعة العربية الاعتداء على السفارة الأمريكية في بغداد.",
                      {"الجامعة العربية": "ORG", "السفارة الأمريكية": "FAC", "بغداد": "LOC"})
    assert [(e["type"], e["source"]) for e in found] == [("ACCUSE", "الجامعة العربية")]


def test_events_names_after_amam_are_settings(lexicon):
    """أمام مقر X: where the strikers stand, not who strikes."""
    found = events_of(lexicon, "نفذ عمال الميناء إضرابا أمام مقر وزارة النقل.", {"وزارة النقل": "ORG"})
    assert found == []


@pytest.mark.parametrize("text, target", [
    ("وقال وزير الخارجية سامي فرج إن الأزمة خطيرة. وطالب بالضغط على إسرائيل لوقف القصف.", "إسرائيل"),
    ("وقال وزير الخارجية سامي فرج إن الأزمة خطيرة. كما طالب بفتح المعابر فورا.", None),
    ("وقال وزير الخارجية سامي فرج إن الأزمة خطيرة. وطالب الوزير بالضغط على إسرائيل.", "إسرائيل"),  # by office
])
def test_events_dropped_subject_is_the_speaker(lexicon, text, target):
    found = events_of(lexicon, text, {"سامي فرج": "PER", "إسرائيل": "LOC"}, quotes=True)
    assert [(e["type"], e["source"], e["target"]) for e in found] == [("REQUEST", "سامي فرج", target)]


def test_events_dropped_subject_not_over_a_subject_of_its_own(lexicon):
    """وطالب المحتجون: the demand is the protesters', though the sentence before quoted the minister."""
    found = events_of(lexicon, "وقال الوزير سامي فرج إن الوضع صعب. وطالب المحتجون بإقالة المحافظ.",
                      {"سامي فرج": "PER"}, quotes=True)
    assert found == []
