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


@pytest.mark.parametrize("text, entities, speaker, speaker_text, content", [
    # the verbal noun قوله after نقل عن / نسب إلى: the speaker follows the preposition, not the outlet
    ("نسبت وكالة الأنباء الرسمية إلى الأمير خالد بن سلمان قوله إن المملكة تدعم الحل السياسي.",
     {"وكالة الأنباء الرسمية": "ORG", "خالد بن سلمان": "PER"}, "E2", "خالد بن سلمان", "المملكة تدعم الحل السياسي"),
    ("ونقلت الصحيفة عن الوزير قوله: «لن نتراجع عن الإصلاحات مهما كلف الأمر».", {},
     None, "الوزير", "لن نتراجع عن الإصلاحات مهما كلف الأمر"),
    ("ونقل التلفزيون الرسمي عن مصدر مسؤول قوله إن الحدود ستفتح الأسبوع المقبل.", {},
     None, "مصدر مسؤول", "الحدود ستفتح الأسبوع المقبل"),
    ("ونقلت رويترز عن مصادر مطلعة في الوزارة قولها إن المفاوضات تعثرت.", {"رويترز": "ORG"},
     None, "مصادر مطلعة", "المفاوضات تعثرت"),
    # closing formulas: the subject of the clause's verb speaks
    ("واختتم الوزير سمير داود كلمته بالقول إن المستقبل يحمل فرصا كبيرة للشباب.", {"سمير داود": "PER"},
     "E1", "سمير داود", "المستقبل يحمل فرصا كبيرة للشباب"),
    ("وعلق رئيس الاتحاد على ذلك بالقول إن القرار جاء متأخرا.", {}, None, "رئيس الاتحاد", "القرار جاء متأخرا"),
])
def test_quotes_reported_by_verbal_noun(lexicon, text, entities, speaker, speaker_text, content):
    (quote,) = quotes_of(lexicon, text, entities)
    assert quote["speaker"] == speaker
    assert speaker_text in quote["speaker_text"]
    assert "وكالة" not in quote["speaker_text"] and "الصحيفة" not in quote["speaker_text"]
    assert quote["text"] == content


def test_quotes_verbal_noun_with_a_pronoun_takes_the_last_speaker(lexicon):
    text = ("قالت الوزيرة هالة منصور إن الموسم كان ناجحا. وختمت حديثها بقولها: «سنعود أقوى في العام المقبل». "
            "ونقل عنها التلفزيون قولها إن الفريق جاهز.")
    quotes = quotes_of(lexicon, text, {"هالة منصور": "PER"})
    assert [q["speaker"] for q in quotes] == ["E1", "E1", "E1"]
    assert quotes[1]["text"] == "سنعود أقوى في العام المقبل"


def test_quotes_verbal_noun_ends_the_previous_statement(lexicon):
    text = "وقال الوزير إن الأسعار ستنخفض، واختتم كلمته بالقول إن الحكومة لن تتخلى عن الفقراء."
    assert [q["text"] for q in quotes_of(lexicon, text)] == ["الأسعار ستنخفض", "الحكومة لن تتخلى عن الفقراء"]


@pytest.mark.parametrize("text, entities, speaker_text", [
    # a plural verb with no subject of its own: the group the sentence named
    ("اجتمع وزراء الخارجية العرب في القاهرة، وأكدوا أن الأمن القومي العربي كل لا يتجزأ.",
     {"القاهرة": "LOC"}, "وزراء الخارجية العرب"),
    ("تجمع المحتجون في الميدان الرئيسي للمدينة، وطالبوا بإطلاق سراح المعتقلين.", {}, "المحتجون"),
    # a dual verb
    ("والتقى الطرفان في جنيف وأكدا أن الحوار هو السبيل الوحيد.", {"جنيف": "LOC"}, "الطرفان"),
    # slogans that demand: the crowd that chants speaks
    ("وخرج المتظاهرون إلى الشوارع ورددوا هتافات تطالب برحيل الحكومة.", {}, "المتظاهرون"),
    ("واحتشد آلاف من الطلاب والعمال أمام الوزارة ورفعوا لافتات تدعو إلى رفع الأجور.", {},
     "آلاف من الطلاب والعمال"),
    # a definite plural subject ends before the object (طالب المحتجون الحكومة بـ)
    ("وطالب المعتصمون الحكومة المركزية بالإفراج عن زملائهم.", {}, "المعتصمون"),
])
def test_quotes_group_speakers(lexicon, text, entities, speaker_text):
    (quote,) = quotes_of(lexicon, text, entities)
    assert quote["speaker"] is None
    assert quote["speaker_text"] == speaker_text


def test_quotes_relative_points_back_to_its_antecedent(lexicon):
    text = ("قال المتحدث باسم الشركة إن الأرباح تضاعفت. وزار الموقع الوزير حسن علوان، "
            "الذي قال إن المشروع سيكتمل العام المقبل.")
    quotes = quotes_of(lexicon, text, {"حسن علوان": "PER"})
    assert [q["speaker"] for q in quotes] == [None, "E1"]


def test_quotes_relative_after_a_preposition_is_not_resolved_to_its_object(lexicon):
    text = "وقال الخبير سالم ناجي المستشار السابق لدى وزارة المالية التي أعلنت أن العجز سيتقلص."
    quotes = quotes_of(lexicon, text, {"سالم ناجي": "PER", "وزارة المالية": "ORG"})
    assert quotes[-1]["speaker"] != "E2"


def test_quotes_subject_after_a_complementizer(lexicon):
    text = "وأوضح المبعوث أن المعارضة والحكومة يؤكدون التزامهم بالهدنة."
    quotes = quotes_of(lexicon, text, {"المعارضة": "ORG"})
    assert quotes[-1]["speaker"] == "E1"


def test_quotes_speaker_phrase_ends_with_the_place_after_fi(lexicon):
    text = "وأكدت قيادة اللواء الثالث في الجيش الوطني وصول التعزيزات إلى المدينة."
    (quote,) = quotes_of(lexicon, text, {"الجيش الوطني": "ORG"})
    assert quote["speaker_text"] == "قيادة اللواء الثالث في الجيش الوطني"
    assert quote["text"] == "وصول التعزيزات إلى المدينة"


@pytest.mark.parametrize("text, entities, cue, speaker_text, content", [
    # a noun-phrase object right after an unnamed speaker: a definite noun takes no indefinite genitive
    ("يؤكد المحللون ضرورة تنويع مصادر الدخل الوطني.", {}, "يؤكد", "المحللون", "ضرورة تنويع مصادر الدخل الوطني"),
    ("ونفت الهيئة صحة التقارير المنشورة حول تسريح الموظفين.", {}, "ونفت", "الهيئة",
     "صحة التقارير المنشورة حول تسريح الموظفين"),
    ("ونفى الناطق باسم الشرطة وجود معتقلين سياسيين في السجون.", {}, "ونفى", "الناطق باسم الشرطة",
     "وجود معتقلين سياسيين في السجون"),
    # جدد with a possessed object, after a named speaker
    ("وجدد الرئيس كريم منصور دعمه لخطة إعادة الإعمار.", {"كريم منصور": "PER"}, "وجدد", "الرئيس كريم منصور",
     "دعمه لخطة إعادة الإعمار"),
    # a prepositional object (عن، إلى، على) stays with its preposition
    ("وأعربت المنظمة عن قلقها من تدهور الأوضاع الصحية.", {"المنظمة": "ORG"}, "وأعربت", "المنظمة",
     "عن قلقها من تدهور الأوضاع الصحية"),
])
def test_quotes_noun_phrase_objects(lexicon, text, entities, cue, speaker_text, content):
    found = quotes_of(lexicon, text, entities)
    assert [(q["cue"], q["speaker_text"], q["text"]) for q in found] == [(cue, speaker_text, content)]


@pytest.mark.parametrize("text, cues", [
    # duals, ل with the present, the plural participle: forms derived from the listed ones
    ("ويؤكدان أن الحوار هو السبيل الوحيد.", ["ويؤكدان"]),
    ("وتؤكدان أن العلاقات بين البلدين متينة.", ["وتؤكدان"]),
    ("وأكدتا أن الاتفاق سيوقع قريبا.", ["وأكدتا"]),
    ("عاد الوزير ليؤكد أن الخطة قائمة.", ["ليؤكد"]),
    ("عبر النواب عن غضبهم، مؤكدين أن القانون لن يمر.", ["مؤكدين"]),
    # the verbal noun نفي after a preposition is no verb of saying
    ("وسارعت الشركة إلى نفي الخبر.", []),
    ("وحرص المسؤول على نفي أي خلاف مع الإدارة.", []),
    # a name spelled علي before the verb is no preposition
    ("وكان الأمير علي نفى أن يكون قد التقى الوفد.", ["نفى"]),
])
def test_quotes_inflected_cues(lexicon, text, cues):
    assert [q["cue"] for q in quotes_of(lexicon, text)] == cues


@pytest.mark.parametrize("text, entities, cue, speaker", [
    # follow-up cues take the last speaker of their gender, across sentences, with and without a colon
    (("قالت الوزيرة هدى ناصر إن الموسم كان صعبا. وقال الخبير سالم عيسى إن الأسعار سترتفع. "
      "واستطردت: «لكننا سنعوض المزارعين»."), {"هدى ناصر": "PER", "سالم عيسى": "PER"}, "واستطردت", "E1"),
    ("قال المدير حسن يوسف إن المصنع سيفتح قريبا. وختم: «ننتظر موافقة الوزارة فقط».",
     {"حسن يوسف": "PER"}, "وختم", "E1"),
    ("قال المدير حسن يوسف إن المصنع سيفتح قريبا. واستطرد «العمال سيعودون الشهر المقبل».",
     {"حسن يوسف": "PER"}, "واستطرد", "E1"),
])
def test_quotes_follow_up_cues(lexicon, text, entities, cue, speaker):
    last = quotes_of(lexicon, text, entities)[-1]
    assert (last["cue"], last["speaker"], last["direct"]) == (cue, speaker, True)


@pytest.mark.parametrize("text", [
    # attributions without a verb of saying are no quotes
    "وجاء الإعلان على لسان المتحدث باسم الرئاسة خلال مؤتمر صحفي.",
    "وقتل خمسة أشخاص في الانفجار، وفق ما نقلت وسائل إعلام محلية.",
    "وارتفعت الأسعار بنسبة عشرة في المئة حسب هيئة الإحصاء.",
    # ختم without a colon or إن is closing something, not speaking
    "واختتم الوزير زيارته للمدينة بجولة في السوق القديم.",
])
def test_quotes_attribution_without_verb(lexicon, text):
    assert quotes_of(lexicon, text) == []
