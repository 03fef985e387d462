"""Quotes: direct and reported speech, speakers named, unnamed, implicit and across sentences (issue 5)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from marsad.pipeline import Pipeline
from marsad.recognise.quotes import QuoteLexicon, find_quotes, quote_pairs
from marsad.settings import QuoteSettings, Settings
from marsad.text.doc import Doc, Span
from marsad.text.sentences import find_sentences

PREFIX = r"(?<![\w])(?:و|ف|ب|ل|وب|ول|لـ)?"


def annotated_doc(text: str, entities: dict[str, str] | None = None, published: date | None = None) -> Doc:
    """A Doc with sentences and, standing in for the entities stage, a mention for every occurrence
    of each name in `entities` (name -> type), entity ids E1, E2 ... in the dict's order."""
    doc = Doc(text, published=published)
    doc.spans["sentences"] = find_sentences(text)
    mentions: list[Span] = []
    objects = []
    for n, (name, kind) in enumerate((entities or {}).items(), start=1):
        objects.append({"id": f"E{n}", "type": kind, "name": name, "name_en": None, "kb_id": None})
        for m in re.finditer(PREFIX + "(" + re.escape(name) + r")(?!\w)", text):
            start, end = m.span(1)
            if not any(s.start < end and start < s.end for s in mentions):
                mentions.append(Span(start, end, kind, {"entity": f"E{n}"}))
    doc.spans["entities"] = sorted(mentions, key=lambda s: s.start)
    doc.objects["entities"] = objects
    return doc


@pytest.fixture(scope="module")
def lexicon() -> QuoteLexicon:
    return QuoteLexicon.load()


def quotes_of(lexicon: QuoteLexicon, text: str, entities: dict[str, str] | None = None) -> list[dict]:
    doc = annotated_doc(text, entities)
    spans = find_quotes(doc, lexicon, QuoteSettings())
    for span in spans:
        assert doc.text[span.start:span.end] == span.attrs["text"]
    return [span.attrs for span in spans]


@pytest.mark.parametrize("text, entities, speaker, speaker_text, content, direct", [
    # reported speech, verb-subject order, title before the name
    ("قال وزير الخارجية المصري سامح شكري إن المحادثات كانت مثمرة.", {"سامح شكري": "PER"},
     "E1", "سامح شكري", "المحادثات كانت مثمرة", False),
    # direct quotation after a colon
    ("وقال الرئيس هشام عمار: «سنواصل العمل من أجل السلام في المنطقة».", {"هشام عمار": "PER"},
     "E1", "هشام عمار", "سنواصل العمل من أجل السلام في المنطقة", True),
    # quotation marks right after the verb and its subject
    ("وقالت الوزيرة سلمى داود “نحن ملتزمون بخطة الإصلاح حتى النهاية”.", {"سلمى داود": "PER"},
     "E1", "سلمى داود", "نحن ملتزمون بخطة الإصلاح حتى النهاية", True),
    # the quotation comes first, the verb and speaker after it
    ("\"الاقتصاد ينمو بوتيرة جيدة هذا العام\"، قال المحافظ نبيل فارس.", {"نبيل فارس": "PER"},
     "E1", "نبيل فارس", "الاقتصاد ينمو بوتيرة جيدة هذا العام", True),
    # a verb of saying with a noun phrase object
    ("أكد الرئيس عبد المجيد تبون أهمية التعاون الاقتصادي بين البلدين.", {"عبد المجيد تبون": "PER"},
     "E1", "عبد المجيد تبون", "أهمية التعاون الاقتصادي بين البلدين", False),
    # a prepositional object (دعا إلى)
    ("ودعا الأمين العام أنطونيو غوتيريش إلى وقف فوري لإطلاق النار.", {"أنطونيو غوتيريش": "PER"},
     "E1", "أنطونيو غوتيريش", "إلى وقف فوري لإطلاق النار", False),
    # an organisation speaks
    ("وأعلنت وزارة الصحة أن عدد الإصابات تراجع خلال الأسبوع.", {"وزارة الصحة": "ORG"},
     "E1", "وزارة الصحة", "عدد الإصابات تراجع خلال الأسبوع", False),
    # جاء في: the document is the speaker
    ("وجاء في البيان أن الاجتماع سيعقد الشهر المقبل.", {}, None, "البيان", "الاجتماع سيعقد الشهر المقبل", False),
    # the subject before the verb
    ("الوزارة أكدت أن الامتحانات ستجري في موعدها.", {}, None, "الوزارة", "الامتحانات ستجري في موعدها", False),
    # an addressee before the speaker is not the speaker
    ("وقال لـ\"الشرق\" مسؤول حكومي إن القرار نهائي.", {}, None, "مسؤول حكومي", "القرار نهائي", False),
    # place and time adjuncts are cut from the speaker phrase
    ("وقال المتحدث باسم الجيش في مؤتمر صحفي أمس إن القوات أحكمت سيطرتها.", {},
     None, "المتحدث باسم الجيش", "القوات أحكمت سيطرتها", False),
])
def test_quotes_speaker_and_content(lexicon, text, entities, speaker, speaker_text, content, direct):
    (quote,) = quotes_of(lexicon, text, entities)
    assert quote["speaker"] == speaker
    assert speaker_text in quote["speaker_text"]
    assert quote["text"] == content
    assert quote["direct"] is direct


@pytest.mark.parametrize("text, speaker_text, org", [
    ("قال متحدث باسم وزارة الخارجية الصينية إن الزيارة ناجحة.", "متحدث باسم وزارة الخارجية الصينية", "E1"),
    ("وقال مصدر مسؤول إن الحكومة ستعلن القرار قريبا.", "مصدر مسؤول", None),
    ("وذكر التقرير أن معدل البطالة انخفض إلى سبعة في المائة.", "التقرير", None),
    ("وقال المتظاهرون إنهم لن يغادروا الساحة قبل تحقيق مطالبهم.", "المتظاهرون", None),
])
def test_quotes_unnamed_speakers(lexicon, text, speaker_text, org):
    (quote,) = quotes_of(lexicon, text, {"وزارة الخارجية الصينية": "ORG"})
    assert quote["speaker"] is None
    assert quote["speaker_text"] == speaker_text
    assert quote["speaker_org"] == org


@pytest.mark.parametrize("text, entities, speakers", [
    # وأضاف / وأضافت take the last speaker of the same gender, across sentences
    ("قالت الوزيرة ليلى أحمد إن الميزانية متوازنة. وقال المدير خالد سعيد إن المشروع تأخر. "
     "وأضافت أن الإنفاق سيرتفع. وأضاف أن العمل سيستأنف قريبا.",
     {"ليلى أحمد": "PER", "خالد سعيد": "PER"}, ["E1", "E2", "E1", "E2"]),
    # a participle in the same sentence, and وتابع in the next
    ("قال الوزير منير حداد إن النمو قوي، مشيرا إلى أن التضخم تراجع. وتابع: «سنخفض الضرائب العام المقبل».",
     {"منير حداد": "PER"}, ["E1", "E1", "E1"]),
    # a definite description refers back to the named speaker
    ("قال وزير المالية فهد ناصر إن العجز تقلص. وأكد الوزير أن الدين العام مستقر.",
     {"فهد ناصر": "PER"}, ["E1", "E1"]),
    # a verb with no subject of its own, first cue of the article: the sentence's subject speaks
    ("وصل الرئيس سليم عاشور إلى الجزائر أمس، وقال إن العلاقات بين البلدين ممتازة.",
     {"سليم عاشور": "PER", "الجزائر": "LOC"}, ["E1"]),
])
def test_quotes_speaker_across_sentences(lexicon, text, entities, speakers):
    assert [q["speaker"] for q in quotes_of(lexicon, text, entities)] == speakers


@pytest.mark.parametrize("text", [
    "ارتفعت الصادرات بنسبة خمسة في المائة، وفقا لبيانات رسمية.",
    "وحسب الإحصاءات الرسمية، تراجع العجز التجاري.",
    "وقعت اتفاقية بين البلدين في الرياض أمس.",            # بين is also "between"
    "ونشرت الصحيفة صورا من مهرجان «قرطاج» أمس.",           # a quoted name with no verb of saying
])
def test_quotes_not_quotes(lexicon, text):
    assert quotes_of(lexicon, text) == []


@pytest.mark.parametrize("text, contents", [
    # one quote per cue verb
    ("وقال الوزير إن النمو قوي، وأضاف أن التضخم تراجع.", ["النمو قوي", "التضخم تراجع"]),
    # quotation marks nested inside a quotation are not a second quote
    ("وقالت المديرة إن “زعيمي البلدين أطلقا ’ثلاثين عاما ذهبية’ من التعاون”.",
     ["زعيمي البلدين أطلقا ’ثلاثين عاما ذهبية’ من التعاون"]),
    # a quotation with no verb of saying still counts, the speaker being the last one met
    ("قال النائب إن الجلسة انتهت. ورفع المحتجون لافتة كتب عليها \"لا للفساد في مؤسسات الدولة\".",
     ["الجلسة انتهت", "لا للفساد في مؤسسات الدولة"]),
])
def test_quotes_one_per_cue(lexicon, text, contents):
    assert [q["text"] for q in quotes_of(lexicon, text)] == contents


@pytest.mark.parametrize("text, speaker_text", [
    ("قال وزير الخارجية المصري سامح شكري إن المحادثات كانت مثمرة.", "وزير الخارجية المصري سامح شكري"),
    ("وأكدت رئيسة الوزراء أن الحكومة ستستقيل.", "رئيسة الوزراء"),
])
def test_quotes_without_entities_keep_the_phrase(lexicon, text, speaker_text):
    (quote,) = quotes_of(lexicon, text)
    assert quote["speaker"] is None
    assert quote["speaker_text"] == speaker_text


@pytest.mark.parametrize("text, inside", [
    ("قال «أ» ثم “ب”", ["أ", "ب"]),
    ("\"واحد\" و\"اثنان\"", ["واحد", "اثنان"]),
    ("O’Neill قال «نعم", []),                                   # an apostrophe and an unclosed mark
    ("«خارج «داخل» خارج»", ["خارج «داخل» خارج", "داخل"]),
])
def test_quotes_quote_pairs(text, inside):
    assert [text[a + 1:b] for a, b in quote_pairs(text, 2000)] == inside


@pytest.mark.parametrize("text, cues", [
    ("وقال الوزير إن النمو قوي، وأضاف أن التضخم تراجع.", ["وقال", "وأضاف"]),
])
def test_quotes_stage_writes_quotes_and_cues(text, cues):
    names = ("sentences", "tokens", "entities", "quotes")
    doc = Pipeline(names, Settings(stages=names))(Doc(text))
    assert [c.text(doc) for c in doc.spans["cues"]] == cues
    assert [q.attrs["cue"] for q in doc.spans["quotes"]] == cues


@pytest.mark.parametrize("text, entities, speaker_texts", [
    # a name the entities stage missed closes the title phrase, after a post abroad (لدى روسيا)
    ("وقال السفير المغربي لدى روسيا علي بنعيسى في حديث صحفي إن البلدين سيوقعان اتفاقا.",
     {"روسيا": "LOC"}, ["السفير المغربي لدى روسيا علي بنعيسى"]),
    # a description refers back to the phrase that named the person
    ("قال رئيس الوزراء خالد العمري إن الإصلاحات بدأت. وقال رئيس الوزراء إن النتائج ستظهر قريبا.",
     {}, ["رئيس الوزراء خالد العمري", "رئيس الوزراء خالد العمري"]),
    # the family name alone, once the full name was given after a title
    ("قال الخبير الاقتصادي سمير الحداد إن الأسعار ارتفعت. وأرجع الحداد السبب إلى ارتفاع الدولار.",
     {}, ["الخبير الاقتصادي سمير الحداد", "الحداد"]),
    # a common word after a title is not a name (باسم: "in the name of", not the given name)
    ("قال المتحدث باسم الحكومة إن التطعيم سيبدأ قبل الشتاء.", {}, ["المتحدث باسم الحكومة"]),
    # the preposition على folds like the name علي, but is spelled with ى
    ("وشدد وزير الخارجية على أن الحوار هو الحل. وقال على هامش المؤتمر إن الاجتماع مثمر.",
     {}, ["وزير الخارجية", "وزير الخارجية"]),
])
def test_quotes_names_without_entities(lexicon, text, entities, speaker_texts):
    assert [q["speaker_text"] for q in quotes_of(lexicon, text, entities)] == speaker_texts


def test_quotes_name_links_to_person_by_family_name(lexicon):
    text = "نفى رئيس الهيئة علي أكبر نوري وجود اتفاق سري. وقال نوري إن التفتيش سيجري قريبا."
    quotes = quotes_of(lexicon, text, {"نوري": "PER"})
    assert [q["speaker"] for q in quotes] == ["E1", "E1"]


def test_quotes_name_in_quotation_marks_is_not_a_quote(lexicon):
    text = 'كشف المبعوث الأممي "سالم عبد الرحمن الطيب" عن خطة جديدة للسلام.'
    quotes = quotes_of(lexicon, text, {"سالم عبد الرحمن الطيب": "PER"})
    assert all("سالم عبد الرحمن الطيب" != q["text"] for q in quotes)


def test_quotes_between_is_not_a_speaker_for_later_cues(lexicon):
    text = ("أفاد الوزير كمال بدر بأن العلاقات بين تونس والسودان متينة، مشيرا إلى أن التبادل التجاري سيتضاعف.")
    quotes = quotes_of(lexicon, text, {"كمال بدر": "PER", "تونس": "LOC", "السودان": "LOC"})
    assert [q["speaker"] for q in quotes] == ["E1", "E1"]
