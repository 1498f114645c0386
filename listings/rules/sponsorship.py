"""The role classifier: is an ad an ML role, does it offer visa sponsorship, for which subclasses.

Pure functions over plain text; no ORM. Rules are tables of compiled regular
expressions, each group commented with the wording it stands for, so a
moderator can see why a role was classed as it was.

How sponsorship is decided:
1. The ad is read through the one text normaliser (``listings.rules.text``) into
   lines, and each line into sentences. A statement is a sentence, or a heading
   or key read together with the answer under it ("Visa sponsorship" / "Yes -
   482 available"), or a bullet under a benefits heading ("What we offer" /
   "Sponsorship").
2. Contractions are spelled out, and each statement is cut into clauses (at
   ';', '?', spaced dashes, "but", "however", and after a leading "While ...,").
3. Each clause is read for an *offer* ("we sponsor 482 visas", "sponsorship
   available") or a *refusal* ("unable to sponsor", "full working rights
   required", "citizens only", "NV1 clearance"). An offer with a negation in
   its clause ("sponsorship is, sadly, not something we can offer") is a
   refusal. Other countries' visas, offices abroad, visa holders welcome, past
   sponsorship and other intakes say nothing about this role.
4. The last clause that says something decides its statement, because that is
   where English puts the operative part of "X; however Y" and "While X, Y".
5. Each statement is weighed by whom it speaks about: a structured eligibility
   field outranks this role, which outranks the ad in general, which outranks
   company boilerplate ("we sponsor many roles across the group"). The heaviest
   statement decides; a refusal wins a tie, because listing a role that will
   not sponsor costs a seeker far more than missing one that might.
6. Subclasses come from every offer that is not boilerplate; when none names
   one, from the sentences and heading around the deciding offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from listings.rules.text import html_to_text, normalise, split_lines, split_sentences

OFFERED, NOT_OFFERED, UNKNOWN = "offered", "not_offered", "unknown"


@dataclass(frozen=True)
class Classification:
    is_ml_role: bool
    sponsorship: str  # OFFERED | NOT_OFFERED | UNKNOWN
    visas: tuple[str, ...]  # sorted subset of ("186", "482", "494"); () when none named
    evidence: str  # the deciding sentence; "" for UNKNOWN


def classify(*, title: str, description_html: str, eligibility_text: str = "") -> Classification:
    """Classify one ad.

    ``eligibility_text`` (schema.org ``eligibilityToWorkRequirement`` or
    Greenhouse visa metadata) is structured data about this very role, so it
    outranks anything in the description.
    """
    description = html_to_text(description_html)
    statements = [
        *_statements(html_to_text(eligibility_text), scope=_ELIGIBILITY_FIELD),
        # A graduate role's ad may speak of "our graduate program": that is this role.
        *_statements(description, intake=bool(_INTAKE_TITLE.search(title))),
    ]
    status, evidence, visas = _decide(statements)
    return Classification(
        is_ml_role=is_ml_role(title, description),
        sponsorship=status,
        visas=visas,
        evidence=evidence,
    )


# --------------------------------------------------------------------------
# ML role
# --------------------------------------------------------------------------

# Titles whose job is something other than building models, even when "AI" or
# "Machine Learning" is in them: selling, recruiting, marketing, policy, teaching,
# managing products, operating machines, making physical or financial models.
_NOT_ML_FUNCTION = re.compile(
    r"""
    \b(?:sales|account\s+(?:executive|manager|director)|business\s+development|\bBDM\b|pre-?sales
      |market(?:ing|er)|recruit\w*|talent\s+(?:acquisition|partner|sourcer|manager|advisor|specialist)|sourcer|\bHR\b|people\s+partner
      |policy|legal|lawyer|counsel|paralegal|ethic\w*|governance|compliance|auditor
      |teacher|teaching|lecturer|tutor|trainer|instructional|curriculum|learning\s+(?:designer|experience|and\s+development|&\s+development)|\bL&D\b
      |strateg\w*|advocate|evangelist|developer\s+relations|devrel|administrator|administration|coordinator|solutions?\s+architect
      |product\s+(?:manager|owner|marketing)|program(?:me)?\s+manager|project\s+manager|delivery\s+manager
      |customer\s+success|solutions?\s+(?:engineer|consultant)|partnerships?|community\s+manager|writer|copywriter|journalist|editor
      |operator|machinist|technician|mechanic|model\s+maker|fashion|financial\s+modell?er|annotat\w*|labell?(?:er|ing)|labeling)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Titles that name ML work outright.
_ML_TITLE = re.compile(
    r"""
    machine[\s-]*learning|deep[\s-]*learning|reinforcement[\s-]*learning|artificial\s+intelligence
    |data[\s-]*scien(?:ce|tist)|computer\s+vision|natural\s+language|speech\s+(?:recognition|scien\w*|model\w*)
    |recommend(?:er|ation)\s+systems?|\bperception\b|ml[\s-]?ops|gen(?:erative)?[\s-]?ai
    |\binference\b|model\s+(?:serving|training)|(?:pre|post)[\s-]?training|\bfoundation\s+models?
    |(?-i:\b(?:AI|Ai|ML|MLE|NLP|LLMs?|ASR|CV)\b)|(?-i:\bA\.I\.)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Reporting and warehouse titles: the board counts these as not ML whatever the ad says,
# "Data Scientist (Reporting)" included.
_REPORTING_TITLE = re.compile(
    r"\b(?:(?-i:BI)|business\s+intelligence|reporting|dashboard\w*)\b", re.IGNORECASE
)
_MODELLING_TITLE = re.compile(r"\b(?:modell?ing|predict\w*|forecast\w*)\b", re.IGNORECASE)
_ANALYTICS_TITLE = re.compile(r"\b(?:analyst|insights?)\b", re.IGNORECASE)
# Engineering specialties other than ML, unless the title names ML too ("Backend Engineer").
_OTHER_ENGINEERING_TITLE = re.compile(
    r"\b(?:back[\s-]?end|front[\s-]?end|full[\s-]?stack|mobile|ios|android|web|dev[\s-]?ops|site\s+reliability|(?-i:SRE)"
    r"|QA|test|security|network|cloud|data\s+engineer|analytics\s+engineer|embedded|firmware|civil|mechanical"
    r"|electrical|mining|chemical|structural|design(?:er)?)\b",
    re.IGNORECASE,
)
# Academic posts that say research (in the title, or "research-intensive" in the ad), which
# count as ML work when they are about ML.
_ACADEMIC_TITLE = re.compile(r"\b(?:lecturer|professor|academic)\b", re.IGNORECASE)
_RESEARCH_WORD = re.compile(r"\bresearch\b", re.IGNORECASE)
_RESEARCH_INTENSIVE = re.compile(
    r"\bresearch[\s-]+(?:intensive|focused|focussed|only|active)\b", re.IGNORECASE
)
# The job itself comes first in a title; what follows a comma, dash, bar or bracket is its
# team or topic ("Data Scientist, Marketing Science", "Account Executive - AI").
_TITLE_QUALIFIER = re.compile(r"\s*(?:,|\s-\s|\||\(|:|\s/\s)")
# Research titles that are ML when the description shows model work.
_RESEARCH_TITLE = re.compile(
    r"\b(?:scientist|researcher|research|fellow|post-?doc\w*|statistician|quant\w*|modell?er|algorithms?)\b",
    re.IGNORECASE,
)
# Description evidence of model work; each line counts once. A line is a case-insensitive
# pattern, read in the lower-cased text (much faster than IGNORECASE), and/or a
# case-sensitive one for acronyms, read as written.
_ML_EVIDENCE: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (re.compile(insensitive) if insensitive else None, re.compile(cased) if cased else None)
    for insensitive, cased in (
        (r"machine[\s-]*learning", r"\bML\b"),
        (r"deep[\s-]*learning|neural\s+(?:net\w*|emulators?)|transformer\s+models?", None),
        (r"language\s+models?|fine-?tun\w*|diffusion|retrieval-augmented", r"\bLLMs?\b|\bRAG\b"),
        (r"computer\s+vision|object[\s-]detection|segmentation|image\s+recognition", None),
        (r"natural\s+language|speech\s+recognition", r"\b(?:NLP|ASR)\b"),
        (
            r"pytorch|tensorflow|scikit-learn|sklearn|xgboost|lightgbm|keras|\bjax\b|hugging\s?face",
            None,
        ),
        (r"self-supervised|reinforcement\s+learning|embedding\w*|recommend(?:er|ation)", None),
        # Publishing at ML venues.
        (
            None,
            r"\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|Interspeech)\b",
        ),
        (r"ml[\s-]?ops|feature\s+store|model\s+(?:registry|serving|monitoring|training)", None),
        # A verb of model work with "models" as its object: "train ... models".
        (
            r"\b(?:train\w*|fine-?tun\w*|evaluat\w*|deploy\w*|productioni[sz]\w*|validat\w*|develop\w*|build\w*|design\w*)"
            r"\s+(?:[\w-]+,?\s+){0,5}?models?\b(?!\s+(?:railways?|kits?|homes?|aircraft|cars?))",
            None,
        ),
        # Statistical-learning model types: "churn-prediction models", "forecasting models".
        (
            r"\b(?:predict\w*|forecast\w*|classif\w*|detection|ranking|propensity|risk|anomaly[\s-]detection|generative)\s+(?:and\s+[\w-]+\s+)?models?\b",
            None,
        ),
        # Large-scale model work: "multimodal foundation models", "training experiments", GPUs.
        (
            r"foundation\s+models?|multimodal|(?:training|inference)\s+(?:runs?|experiments?|jobs?|clusters?|pipelines?)|\bgpus?\b",
            None,
        ),
        # Statistical learning: "causal inference", "time-series forecasting", "Bayesian models".
        (
            r"causal\s+inference|uplift\s+model\w*|time[\s-]series\s+(?:forecast\w*|models?|ml)|bayesian|probabilistic\s+(?:forecast\w*|models?)",
            None,
        ),
    )
)


def is_ml_role(title: str, text: str) -> bool:
    """Whether the job's main work is building, training, evaluating or deploying ML models or ML infrastructure.

    The title decides when it can: what the job *does* (sales, recruiting,
    policy, teaching) beats the topic it is about ("Account Executive - AI").
    Ambiguous titles ("Applied Scientist", "Software Engineer") are settled by
    how much model work the description describes.
    """
    title = normalise(title)
    job = _TITLE_QUALIFIER.split(title, maxsplit=1)[0]
    academic_research = _ACADEMIC_TITLE.search(title) and (
        _RESEARCH_WORD.search(title) or _RESEARCH_INTENSIVE.search(text)
    )
    if _NOT_ML_FUNCTION.search(job) and not academic_research:
        return False
    if _REPORTING_TITLE.search(title):
        return False
    if _ML_TITLE.search(title):
        return True
    if _OTHER_ENGINEERING_TITLE.search(job):
        return False
    if _ANALYTICS_TITLE.search(title):
        # An analyst who builds models ("Senior Analyst, Modelling & Prediction") is read as a
        # research title; other analysts are not ML.
        return bool(_MODELLING_TITLE.search(title)) and _ml_evidence_count(normalise(text)) >= 2
    evidence = _ml_evidence_count(normalise(f"{title}\n{text}"))
    if _RESEARCH_TITLE.search(title):
        return evidence >= 2
    # Engineering and generic titles ("Member of Technical Staff") need plain model work.
    return evidence >= 3


def _ml_evidence_count(text: str) -> int:
    lowered = text.lower()
    return sum(
        1
        for insensitive, cased in _ML_EVIDENCE
        if (insensitive and insensitive.search(lowered)) or (cased and cased.search(text))
    )


# --------------------------------------------------------------------------
# Visa subclasses
# --------------------------------------------------------------------------

# Names and old names of each subclass, matched anywhere in an offering sentence.
_SUBCLASS_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 482: Skills in Demand (SID), formerly Temporary Skill Shortage (TSS), before that the 457.
    ("482", re.compile(r"(?-i:\b(?:TSS|SID)\b)|temporary\s+skills?\s+shortage", re.IGNORECASE)),
    ("482", re.compile(r"\bSkills[\s-]+in[\s-]+Demand\b")),
    (
        "482",
        re.compile(
            r"\bskills[\s-]+in[\s-]+demand\s+(?:visa|stream|sponsor|program)", re.IGNORECASE
        ),
    ),
    # 482 streams (visas.md section 1): "the Specialist Skills stream", "Core Skills pathway".
    (
        "482",
        re.compile(
            r"\b(?:core|specialist|essential)\s+skills\s+(?:stream|pathway|visa|route)",
            re.IGNORECASE,
        ),
    ),
    # 186: Employer Nomination Scheme (ENS), including its Temporary Residence Transition stream.
    (
        "186",
        re.compile(
            r"(?-i:\b(?:ENS|TRT)\b)|employer[\s-]+nomination|temporary\s+residence\s+transition"
            r"|direct[\s-]+entry\s+(?:stream|pathway|nomination)|(?-i:\bDirect[\s-]+Entry\b)",
            re.IGNORECASE,
        ),
    ),
    # 494: Skilled Employer Sponsored Regional (SESR).
    (
        "494",
        re.compile(
            r"(?-i:\bSESR\b)|(?:skilled\s+)?employer[\s-]+sponsored\s+regional", re.IGNORECASE
        ),
    ),
    ("494", re.compile(r"\bregional\s+(?:employer[\s-]+)?spon?s[oe]r\w*", re.IGNORECASE)),
)
_NUMBER_LABELS = {"482": "482", "457": "482", "186": "186", "494": "494"}
# A subclass number: not part of a money amount or a larger number ("$186,000", "1494").
_SUBCLASS_NUMBER = r"(?<![\d$.,])(?:482|186|494|457)(?![,.]?\d)(?!\s*(?:k\b|%|km\b))"
# A run of numbers listed together ("482, 186 and 494"), which share one context.
_SUBCLASS_RUN = re.compile(
    rf"\b{_SUBCLASS_NUMBER}(?:s?\s*(?:,|/|&|->|>|\band\b|\bor\b|\bthen\b|\bto\b|\bfollowed\s+by\b)\s*"
    rf"(?:(?:the|a|an)\s+)?{_SUBCLASS_NUMBER})*(?=s?\b)"
)
_SINGLE_NUMBER = re.compile(rf"\b{_SUBCLASS_NUMBER}(?=s?\b)")
# "a 482", "an 186": the article makes the number a thing one can hold or be given.
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:(?:new|existing|current|fresh)\s+)?$", re.IGNORECASE)
# Words that make a nearby number a visa subclass rather than an address, salary or count.
_VISA_CONTEXT = re.compile(
    r"visas?\b|subclass|spon?s[oe]r|nominat|(?-i:\b(?:TSS|SID|ENS|PR)\b)|skills\s+in\s+demand|stream|permit|program"
    r"|pathway|permanent\s+residen|transfer|take\s+over|\bspons\b|paperwork",
    re.IGNORECASE,
)
# What follows a number that is not a subclass: a street ("494 Murray Street") or a
# counted plural ("494 clients"); plurals of visa words still count ("482 visas").
_NOT_SUBCLASS_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Parade|Pde|Terrace|Tce|Lane|Highway|Hwy|Drive|Dr|Place|Pl|Boulevard|Way|Crescent|Cres)\b"
    r"|(?!(?:visas|sponsorships|nominations|programs|programmes|streams|applications|subclasses|spons|is|was|has|does|plus|as|us|this|yes)\b)[a-z]+s\b)"
)
# The candidate's current visa ("for current 482 holders", "on a 482 visa") is not one on offer.
_HELD_BEFORE = re.compile(
    r"\b(?:on|holding|hold|holds)\s+(?:an?\s+|their\s+|your\s+)?(?:current\s+|existing\s+|valid\s+)?$",
    re.IGNORECASE,
)
# ... unless the employer takes that visa over, or sponsors someone onto it ("we can
# sponsor you on a 482", "if you are on a 482, we can transfer it").
_TRANSFER = re.compile(
    r"\btransfer|\btake\s+over\b|\bmove\s+your\s+visa|\b(?:help|bring)\s+you\b|\bget\s+(?:you\s+)?here\b",
    re.IGNORECASE,
)
_SPONSOR_VERB = re.compile(r"spon?s[oe]r", re.IGNORECASE)
_HELD_AFTER = re.compile(r"\s+(?:visa\s+)?holders?\b", re.IGNORECASE)
_CONTEXT_WINDOW = 80  # characters either side of a number, roughly a dozen words


@lru_cache(maxsize=8192)
def visas_named(sentence: str) -> tuple[str, ...]:
    """Subclasses named in ``sentence``, by number or by name, as sorted labels ("186", "482", "494").

    A bare 482/186/494/457 counts only near a visa word, so addresses, salaries
    and counts do not; 457 and TSS/SID are reported as 482.
    """
    found = {label for label, pattern in _SUBCLASS_NAMES if pattern.search(sentence)}
    for run in _SUBCLASS_RUN.finditer(sentence):
        context = sentence[max(0, run.start() - _CONTEXT_WINDOW) : run.end() + _CONTEXT_WINDOW]
        if not _VISA_CONTEXT.search(context) and not _ARTICLE_BEFORE.search(
            sentence[max(0, run.start() - 14) : run.start()]
        ):
            continue
        for number in _SINGLE_NUMBER.finditer(run.group()):
            start, end = run.start() + number.start(), run.start() + number.end()
            if _names_a_subclass(sentence, start, end):
                found.add(_NUMBER_LABELS[number.group()])
    return tuple(sorted(found))


def _names_a_subclass(sentence: str, start: int, end: int) -> bool:
    if _NOT_SUBCLASS_AFTER.match(sentence, end) or _HELD_AFTER.match(sentence, end):
        return False
    before = sentence[:start]
    if not _HELD_BEFORE.search(before):
        return True
    given = _TRANSFER.search(sentence) or _SPONSOR_VERB.search(before)
    return bool(given) and not _HELD_AFTER.match(sentence, end)


# --------------------------------------------------------------------------
# Sponsorship
# --------------------------------------------------------------------------

# How much a sentence says about this particular role.
_BOILERPLATE, _GENERAL, _THIS_ROLE, _ELIGIBILITY_FIELD = 0, 1, 2, 3

# "sponsorship" and its common misspellings ("sponsership", "sponsorhip").
_SPONSORSHIP = r"\b(?:spon?s[oe]r(?:s?h?ips?|ing)|spons)\b"
# Words that negate the offer they precede ("cannot offer", "no sponsorship", "not available").
_NEGATOR = re.compile(
    r"\b(?:not|no|never|unable|cannot|can't|won't|don't|doesn't|isn't|aren't|wasn't|without|nor|unavailable|ineligible)\b|n't\b",
    re.IGNORECASE,
)
# Idioms that contain "no" but negate nothing ("No problem - we sponsor 482s").
_IDIOMS = re.compile(r"\bno\s+(?:problem|worries|matter|doubt)\b|\bnot\s+only\b", re.IGNORECASE)

# Text that looks like the immigration word but is not. Replaced by neutral words before reading.
_NOT_VISA_SENSES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Sponsors of projects, events and budgets: "executive sponsorship", "business sponsor".
    (
        re.compile(
            r"\b(?<!standard\s)(?:executive|business|event|events|project|conference|hackathon|corporate|community|sports?"
            r"|stakeholder|senior|leadership|board|industry|club|charity|media|brand|title|naming|gold|silver|platinum)"
            r"\s+spon?s[oe]r\w*",
            re.IGNORECASE,
        ),
        "patronage",
    ),
    # "Our sponsorship of the Women in AI conference".
    (
        re.compile(
            r"\bspon?s[oe]rs?h?ips?\s+(?:of|for)\s+(?:[\w'-]+\s+){0,5}?(?:conference|event|summit|meetup|hackathon|festival"
            r"|club|league|award|prize|scholarship|podcast|competition|team|charity|fun\s+run)s?\b",
            re.IGNORECASE,
        ),
        "patronage",
    ),
    # Funding: "This position is sponsored by a research council grant".
    (re.compile(r"\bspon?s[oe]red\s+by\b", re.IGNORECASE), "funded by"),
    # Visa the payments company: "Visa Inc", "At Visa, ...", "Visa's network", "Visa and Mastercard".
    (re.compile(r"\bVisa(?=\s*(?:'s|’s)\b)"), "PaymentsCo"),
    (
        re.compile(
            r"\bVisa(?=\s+(?:Inc|Worldwide|Europe|International|Direct|Debit|Credit|Cards?|Payments?|Network)\b)"
            r"|\bVisa(?=\s+(?:cards?|payments?|network|transactions?|debit|credit|merchants?|rails)\b)"
            r"|\bVisa(?=\s*(?:,|/|&|\band\b|\bor\b)\s*(?:Mastercard|MasterCard|Amex|AMEX|American\s+Express|eftpos|EFTPOS|PayPal)\b)"
        ),
        "PaymentsCo",
    ),
    (
        re.compile(
            r"\b((?:Mastercard|MasterCard|Amex|AMEX|American\s+Express|eftpos|EFTPOS|PayPal)\s*(?:,|/|&|and|or)\s*)Visa\b"
        ),
        r"\1PaymentsCo",
    ),
    # A title-case "Visa" followed by another name ("Visa Route Payments") or taking a
    # company's place after "at/join/with" ("At Visa, we ..."), unless a visa word follows.
    (
        re.compile(
            r"(?:\b(?:at|join|joining|with|from|by)\s+)Visa\b(?!\s*(?:sponsor|subclass|holder|status|support|application|require|eligib))"
            r"|\bVisa(?=\s+[A-Z][a-z]+)(?!\s+(?:Sponsor|Subclass|Holder|Status|Support|Assistance|Application|Requirement|Option|Available|Type|Condition|Pathway|Transfer|Processing|Right|Eligib|Nomination|Grant|Program|Scheme|Detail|Information|Info|Stream|Category|Class|Work))"
        ),
        "PaymentsCo",
    ),
)


# A pathway to permanent residence ("PR pathway", "pathway to permanent residency").
_PR_PATHWAY = r"(?:(?-i:\bPR\b)|permanent\s+residen\w*)\s+pathway|pathway\s+to\s+(?:(?-i:\bPR\b)|permanent\s+residen\w*)"


# Visa words a sponsorship offer can be about.
_VISA_WORD = r"(?:visas?|subclass|nomination|work\s+permits?|482|186|494|457|(?-i:TSS|SID|ENS))"
# Offers. Each counts unless a negation precedes it ("cannot offer visa sponsorship").
_OFFERS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "Sponsorship is available", "sponsorship (subclass 494) is offered", "may be considered".
        rf"{_SPONSORSHIP}[^.;!?]{{0,120}}?\b(?:available|offered|provided|possible|considered|on\s+offer|an\s+option|supported|given)\b",
        # "ENS nomination is available", "regional employer sponsored visas are offered".
        r"\b(?:nominations?|visas?)\s+(?:is|are|will\s+be|can\s+be|may\s+be)\s+(?:\w+\s+)?(?:available|offered|provided|on\s+offer)\b",
        # "We offer 482 visa sponsorship", "provide a relocation package and visa sponsorship".
        rf"\b(?:offer|offers|offering|offered|provide|provides|providing|provided)\s+(?:[\w()/'-]+,?\s+){{0,6}}?(?:{_SPONSORSHIP}|visa\s+(?:support|assistance)|nominations?)\b",
        # "We're open to sponsoring", "willing to sponsor the right person".
        r"\b(?:open|willing|happy|keen|prepared|able)\s+to\s+(?:discuss\w*\s+)?spon?s[oe]r\w*",
        # "We'll cover the cost of your visa", "we pay for visa fees" (the employer paying).
        r"\bwe(?:'ll|'re|\s+will|\s+can|\s+do|\s+are)?\s+(?:\w+\s+)?(?:cover|covering|pay|paying|fund|funding|reimburse)\s+"
        r"(?:for\s+)?(?:[\w'-]+\s+){0,4}?visas?\b",
        # "We support employer-sponsored visas", "we're supporting 482 visas". The employer must be
        # the subject: "our models support applications for 482 visas" is a product, not an offer.
        rf"\bwe(?:'re|\s+are|\s+will|\s+can|\s+do|\s+also)?\s+(?:support|supporting)\s+"
        rf"(?!applications?\b)(?:[\w()/'-]+\s+){{0,4}}?(?:{_VISA_WORD}|{_SPONSORSHIP})",
        # "The role comes with 494 sponsorship", "the package includes visa sponsorship".
        rf"\b(?:comes?|coming)\s+with\s+(?:[\w()/'-]+,?\s+){{0,6}}?{_SPONSORSHIP}"
        rf"|\b(?:includes?|including)\s+(?:[\w()/'-]+,?\s+){{0,6}}?(?:{_SPONSORSHIP}|visa\s+(?:support|assistance))",
        # "We can offer a 482 visa", "will be offered a TSS visa" (not "visa advice" or "visa holders").
        r"\b(?:offer|offers|offering|offered|provide|provides|providing|provided)\s+(?:[\w()/-]+\s+){0,3}?visas?\b"
        r"(?!\s+(?:applications?|advice|services|processing|holders?|status|information|requirements?))",
        # "We handle relocation and visas", "we take care of the visa process".
        rf"\bwe\s+(?:\w+\s+){{0,2}}?(?:handle|arrange|organi[sz]e|take\s+care\s+of|manage|sort\s+out|look\s+after)\s+(?:[\w,]+\s+){{0,4}}?(?:visas?|{_SPONSORSHIP}|(?:482|186|494)s?)\b",
        # A pathway to permanent residence on offer: "PR pathway available via 186", "offer a pathway to PR".
        rf"(?:{_PR_PATHWAY})[^.;!?]{{0,40}}?\b(?:available|offered|provided|possible|on\s+offer)\b"
        rf"|\b(?:offer|offers|offering|provide|provides|providing)\s+(?:[\w()/'-]+,?\s+){{0,4}}?(?:{_PR_PATHWAY})",
        # "A sponsored role", "this position is visa sponsored", "our 482 sponsorship".
        r"\bspon?s[oe]red\s+(?:role|position|job|vacancy|opportunity|opening)\b|\bvisa[\s-]+spon?s[oe]red\b",
        rf"\bour\s+(?:[\w-]+\s+){{0,2}}?(?:visa|482|186|494|457|(?-i:TSS|SID|ENS)|employer)\s+{_SPONSORSHIP}",
        # "Sponsorship, which we provide".
        rf"{_SPONSORSHIP},?\s+which\s+we\s+(?:\w+\s+)?(?:provide|offer|support|cover)",
        # "We can support a 186 nomination", "we will support your visa", "help you with your visa".
        rf"\b(?:we|can|will|'ll|happy\s+to|able\s+to)\s+(?:\w+\s+)?(?:support|assist|help)\w*\s+"
        rf"(?:(?:you|employees|staff|candidates|them|new\s+hires|successful\s+\w+)\s+)?(?:with\s+)?(?:(?:your|the|a|an|their)\s+)?(?:\w+\s+)?(?:{_VISA_WORD}|{_SPONSORSHIP})"
        r"(?!\s+(?:holders?|applications?|questions|advice)\b)",
        # "This role is eligible for 494 regional employer sponsorship".
        rf"\beligible\s+for\s+(?:[\w()/-]+\s+){{0,7}}?(?:visas?\b|{_SPONSORSHIP}|nomination)",
        # "Successful candidates can be nominated", "will be sponsored"; "we can nominate you".
        r"\b(?:can|will|may|could|would)\s+be\s+(?:\w+\s+)?(?:nominated|spon?s[oe]red)\b",
        r"\b(?:we|can|will|may|could|would)\s+(?:\w+\s+)?nominate\b",
        # An employer approved for a labour agreement: "we're a DAMA-approved employer".
        r"\b(?:DAMA|labour\s+agreement)[\s-]+(?:approved|accredited|endorsed)|\b(?:have|has|hold|holds)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?labour\s+agreement",
        # "We can look at sponsorship", "happy to discuss visa sponsorship".
        rf"\b(?:can|will|happy\s+to|open\s+to|able\s+to|glad\s+to)\s+(?:look\s+at|look\s+into|discuss|explore|talk\s+(?:about|through))\s+(?:\w+\s+){{0,2}}?(?:{_SPONSORSHIP}|visas?)",
        # Transfers: "can transfer existing 482 sponsorships", "take over sponsorship of visas".
        rf"\btransfer\w*\s+(?:of\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_VISA_WORD}|{_SPONSORSHIP})"
        rf"|\btake\s+over\s+(?:\w+\s+){{0,3}}?(?:{_SPONSORSHIP}|{_VISA_WORD})",
        # Holding sponsor status: "We are an approved sponsor".
        r"\b(?:approved|accredited|registered|standard\s+business)\s+(?:visa\s+)?spon?s[oe]rs?\b",
        # Field-and-value form from feeds: "Visa Sponsorship Available: Yes".
        rf"(?:{_SPONSORSHIP}|\bvisas?)(?:\s+{_SPONSORSHIP})?(?:\s+available)?\s*[:=]\s*(?:yes|true|available|offered)\b",
        # The visa itself as the benefit: "Employer-sponsored 482 visa available", "494 regional
        # visa on offer", "ENS nomination can be considered", "sponsorship possible".
        rf"\b(?:visas?|{_SPONSORSHIP}|nominations?|482|186|494|457|(?-i:TSS|SID|ENS))(?:\s*\([^)]*\))?"
        r"(?!\s+(?:holders?|status|applications?|requirements?|conditions?)\b)"
        r"\s*[:-]?\s+(?:(?:is|are|will\s+be|can\s+be|may\s+be|could\s+be|would\s+be|also)\s+)?(?:[\w()]+\s+){0,3}?"
        r"(?:available|avail|offered|provided|on\s+offer|considered|possible|supported|negotiable|arranged|organi[sz]ed|facilitated|discussed)\b",
        # "We would consider sponsoring a visa", "sponsorship ... is something we can offer".
        r"\bconsider\w*\s+(?:\w+\s+){0,2}?spon?s[oe]r\w*",
        rf"{_SPONSORSHIP}[^.;!?]{{0,80}}?\bsomething\s+(?:we|our\s+client|the\s+(?:client|company|employer|business|team)|[A-Z]\w+)\s+(?:\w+\s+){{0,3}}?(?:offer|provide|consider|do|support)\b",
        # "Sponsorship is off the table" (negated or not, the table decides).
        rf"{_SPONSORSHIP}[^.;!?]{{0,40}}?\bon\s+the\s+table\b",
        # The visa as part of the deal: "a 482 visa is part of the package", "visa handled",
        # "the visa side is on us".
        rf"\b(?:visas?|{_SPONSORSHIP}|482|186|494)(?:\s+(?:visas?|side|costs?|fees?|process|paperwork))?"
        r"\s+(?:(?:is|are|will\s+be|all|also)\s+)?(?:part\s+of\s+the\s+(?:package|offer|deal)|included|handled|sorted|covered|taken\s+care\s+of|on\s+us)\b",
        # Passive: "Visas are not able to be sponsored", "sponsorship will not be provided".
        rf"\b(?:visas?|{_SPONSORSHIP}|nominations?)\s+(?:is|are|will|can|cannot|could|may|might|would|shall)\s+(?:not\s+)?(?:\w+\s+){{0,3}}?be\s+(?:\w+\s+)?(?:sponsored|provided|offered|supported|arranged)\b",
        # "We will lodge a new nomination so you can move your visa to us".
        r"\bwe\s+(?:will|can|would|are\s+happy\s+to)\s+lodge\s+(?:a|an|the|your)\s+(?:\w+\s+)?(?:nomination|visa)|\bmove\s+your\s+visa\s+to\s+us\b",
        # "We can help you get here on a 482", "we will work with our agent to sponsor you".
        r"\bhelp\s+(?:you\s+)?(?:get\s+here|come\s+(?:here|over)|move\s+here|relocate)\s+(?:\w+\s+){0,3}?(?:visas?|482|186|494|sponsor\w*)",
        r"\bwe\b[^.;!?]{0,60}?\bto\s+spon?s[oe]r\s+(?:you|your|the\s+(?:successful|right)|candidates?|applicants?)\b",
        rf"{_SPONSORSHIP}[^.;!?]{{0,60}}?\b(?:on\s+the\s+table|an\s+option|a\s+possibility|in\s+scope)\b",
        # "We sponsor." with nothing after it (the subclass may follow in the next sentence).
        r"\b(?:we|yes,?\s+we)\s+(?:(?:do|can|will|also|happily|gladly)\s+)?spon?s[oe]r(?=\s*(?:[,.!-]|\band\b|$))",
        # "This role qualifies for a 494", "eligible for employer sponsorship".
        rf"\bqualif\w*\s+for\s+(?:[\w()/-]+\s+){{0,7}}?(?:visas?\b|{_SPONSORSHIP}|nomination|482|186|494)",
    )
)

# The employer as subject of "sponsor": "we sponsor", "we are able to sponsor", "our client can sponsor".
# Other subjects ("many of our clients sponsor", "helps employers sponsor") do not speak for this role.
_WE_SPONSOR = re.compile(
    r"\b(?:we|we're|our\s+client|the\s+(?:client|company|employer|business))"
    r"(?:\s+(?:can|will|would|may|might|could|do|does|also|always|usually|happily|gladly|proudly|actively|currently|now|still"
    r"|are|is|be|able|to|happy|willing|prepared|pleased|glad|'re|'ll|not|unable|cannot|can't|won't|don't|never|in|a|position)){0,5}"
    r"\s+spon?s[oe]r\b(?P<object>(?:\W+\w+){1,7})",
    re.IGNORECASE,
)
# A named employer in the third person: "Acme sponsors 482 visas". Only a visa object counts here.
_NAME_SPONSORS = re.compile(
    r"\b(?:[A-Z][\w&]*|the\s+(?:university|institute|hospital|council|department|firm|practice|group|agency|school|lab|centre|center)|and|also)"
    r"\s+(?:spon?s[oe]rs|(?:can|will|could|may|would|is\s+(?:able|happy|willing|open|pleased)\s+to)\s+(?:\w+\s+)?spon?s[oe]r)\b"
    r"(?P<object>(?:\W+\w+){1,10})"
)
# Objects that make "sponsor" mean a visa.
_VISA_OBJECT = re.compile(
    r"\b(?:visas?|subclass|nominations?|work\s+permits?|(?:482|186|494|457)s?|TSS|SID|ENS|skills\s+in\s+demand|permanent\s+residen\w*"
    r"|(?:core|specialist)\s+skills\s+stream|labour\s+agreements?|DAMA)\b",
    re.IGNORECASE,
)
# People as the object ("we can sponsor the right candidate") also mean a visa ...
_PEOPLE_OBJECT = re.compile(
    r"\b(?:candidates?|applicants?|you|hires?|workers?|engineers?|scientists?|international|overseas|foreign"
    r"|suitable|qualified|successful|eligible|right|talent|people)\b",
    re.IGNORECASE,
)
# ... unless they are sponsored to attend something: conferences, study, events.
_PATRONAGE_OBJECT = re.compile(
    r"\bto\s+(?!(?:work|join|relocate|move|come|live|migrate|stay|australia)\b)\w+|\b(?:attend\w*|conferences?|events?|hackathons?|meetups?|summits?|courses?|certifications?|stud(?:y|ies)"
    r"|training|members|prizes?|awards?|growth|learning|development|education|memberships?|sports?|charity)\b",
    re.IGNORECASE,
)
# The benefit itself stated as a fragment: "482 visa sponsorship for overseas applicants",
# "Sponsorship for the right candidate".
_BENEFIT_FRAGMENT = re.compile(
    rf"\b(?:visas?|482|186|494|457|(?-i:TSS|SID|ENS)|skills\s+in\s+demand|employer|regional)\s+(?:\([^)]*\)\s+)?(?:{_SPONSORSHIP}|support|assistance)"
    rf"|^\W*(?:[\w ]{{1,30}}:\s*)?{_SPONSORSHIP}\s+(?:for|to|under|via|through|with)\b"
    # "Employer-sponsored 186 visa", "company sponsored TSS visa".
    r"|\b(?:employer|company)[\s-]+spon?s[oe]red\s+(?:[\w()-]+\s+){0,3}?visas?\b(?!\s+holders?)",
    re.IGNORECASE,
)
_FRAGMENT_MAX_WORDS = 12
# Someone needing sponsorship, which the clause then welcomes or rules out.
_NEEDS_SPONSORSHIP = re.compile(
    rf"\b(?:requir\w*|need\w*|seek\w*)\s+(?:(?:visa|work|employer|\d{{3}})\s+)?{_SPONSORSHIP}",
    re.IGNORECASE,
)
_WELCOMED = re.compile(
    r"\b(?:welcome\w*|encourag\w*|invit\w*|considered|eligible|can\s+apply|may\s+apply|free\s+to\s+apply|happy\s+to|open\s+to)\b",
    re.IGNORECASE,
)
# "Must not require sponsorship", "do not need visa sponsorship".
_MUST_NOT_NEED = re.compile(
    rf"(?:\bnot|n't|\bnever)\s+(?:(?:now|currently|presently|or|in|the|future|ever|at|any|point|time|later|stage),?\s+){{0,6}}"
    rf"(?:requir\w*|need\w*)\s+(?:\w+\s+){{0,2}}?{_SPONSORSHIP}",
    re.IGNORECASE,
)

# Refusals that are not a negated offer.
_REFUSALS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "We do not sponsor", "unable to sponsor", "not in a position to nominate".
        r"\b(?:unable|not\s+able|cannot|can't|can\s+not|won't|will\s+not|do\s+not|don't|does\s+not|doesn't|not\s+in\s+a\s+position)\s+(?:to\s+)?(?:\w+\s+){0,3}?(?:spon?s[oe]r|nominate)\b",
        # "No sponsorship", "without the need for visa sponsorship", "non-sponsored".
        rf"\b(?:no|non)[\s-]+(?:[\w-]+\s+){{0,2}}?{_SPONSORSHIP}|\bwithout\s+(?:[\w-]+\s+){{0,4}}?{_SPONSORSHIP}"
        r"|\bnon-?spon?s[oe]red\b",
        # "We can't support visa applications for this role".
        rf"\b(?:cannot|unable\s+to|not\s+able\s+to|do\s+not|will\s+not|are\s+not\s+able\s+to)\s+(?:\w+\s+){{0,2}}?(?:support|assist\s+with|help\s+with)\s+(?:\w+\s+){{0,2}}?(?:visas?|{_SPONSORSHIP}|nominations?|482|186|494)",
        # "Sponsorship is off the table".
        rf"(?:{_SPONSORSHIP}|\bvisas?\b)[^.;!?]{{0,40}}?\boff\s+the\s+table\b",
        # "Visa sponsorship is unavailable for this role".
        rf"(?:{_SPONSORSHIP}|\bvisas?\b)[^.;!?]{{0,40}}?\bunavailable\b",
        # "We are not sponsoring", "not currently able to sponsor", "too small to sponsor".
        r"\bnot\s+(?:\w+\s+){0,3}?spon?s[oe]r(?:ing)?\b|\btoo\s+(?:\w+\s+)?(?:small|early|new|young)\s+to\s+spon?s[oe]r",
        # "Visa holders cannot be considered", "not open to temporary visa holders".
        r"\bvisa\s+holders?\s+(?:\w+\s+){0,2}?(?:cannot|can't|will\s+not|won't|are\s+not|aren't|not|unable|ineligible|need\s+not)\b"
        r"|\b(?:no|not\s+(?:\w+\s+){0,2}?(?:to|for)|exclud\w*)\s+(?:temporary\s+)?visa\s+holders?\b",
        # Field-and-value form from feeds: "Visa Sponsorship Available: No".
        rf"(?:{_SPONSORSHIP}|\bvisas?)(?:\s+{_SPONSORSHIP})?(?:\s+available)?\s*[:=]\s*(?:no|false|none|n/a|not\s+available|unavailable)\b",
    )
)

# Who may apply. Each requirement counts only with a marker within a few words.
_REQUIREMENT_WORDS = (
    r"must|required|requires?|requirement|essential|mandatory|necessary|needs?\s+to|will\s+need|only"
    r"|eligib\w*|to\s+be\s+considered|will\s+be\s+considered|to\s+apply|prerequisite|condition\s+of"
    r"|open\s+to|restricted\s+to|limited\s+to|subject\s+to"
)
_REQUIREMENT_MARKER = rf"(?:{_REQUIREMENT_WORDS})"
# A clearance is also a requirement when the ad asks you to hold or obtain one.
_CLEARANCE_MARKER = (
    rf"(?:{_REQUIREMENT_WORDS}|hold|holds|holding|possess|obtain|maintain|current|active)"
)
_WORK_RIGHTS = (
    r"(?:work(?:ing)?\s+rights?|rights?\s+to\s+(?:live\s+and\s+)?work|work\s+authori[sz]ation"
    r"|(?:eligible|entitled|authori[sz]ed|able|permitted)\s+to\s+work\s+in\s+(?:australia|the\s+(?:\w+\s+){0,3}?(?:country|location|region)))"
)
_CITIZENSHIP = r"(?:citizens?(?:hip)?|permanent\s+residen\w*|(?-i:\bPR\b))"
_CLEARANCE = (
    r"(?:(?-i:\bNV\s?-?[12]\b)|negative\s+vetting|(?-i:\bAGSVA\b)|(?-i:\bTSPV\b)|positive\s+vetting"
    r"|(?:baseline|security|government|defence)\s+(?:security\s+)?clearances?)"
)


def _near(phrase: str, marker: str, words: int = 8) -> re.Pattern[str]:
    """``phrase`` with ``marker`` at most ``words`` words before or after it."""
    gap = rf"(?:\W+\w+){{0,{words}}}?\W+"
    return re.compile(rf"\b{marker}\b{gap}{phrase}|{phrase}{gap}\b{marker}\b", re.IGNORECASE)


# Requirements that exclude anyone who needs sponsorship.
_REQUIREMENTS = (
    # "Must have full working rights", "Unrestricted Australian working rights are required".
    _near(_WORK_RIGHTS, _REQUIREMENT_MARKER),
    # "Open to Australian citizens only", "requires Australian citizenship".
    _near(_CITIZENSHIP, _REQUIREMENT_MARKER),
    # "Be an Australian Citizen or Permanent Resident" (imperative in a list).
    re.compile(rf"^\W*be\s+(?:an?\s+)?(?:australian\s+)?{_CITIZENSHIP}", re.IGNORECASE),
    # Security clearances are available to Australian citizens only.
    _near(_CLEARANCE, _CLEARANCE_MARKER),
    # A key and its value: "Work rights: Australian citizen or permanent resident".
    re.compile(
        rf"^\W*(?:{_WORK_RIGHTS}|eligibility|citizenship|residency|visa\s+status)(?:\s+requirements?)?\s*:\s*"
        rf"(?:must\s+(?:be|hold|have)\s+)?(?:an?\s+)?(?:australian\s+|nz\s+)?(?:{_CITIZENSHIP}|full\b|unrestricted\b)",
        re.IGNORECASE,
    ),
)
# A requirement softened to a preference, or denied, is no requirement.
_NOT_REQUIRED = re.compile(
    r"\b(?:preferred|preferable|desirable|desired|advantageous|an\s+advantage|highly\s+regarded|well\s+regarded|regarded"
    r"|ideally|would\s+be\s+ideal|a\s+plus|a\s+bonus|beneficial|nice\s+to\s+have|not\s+(?:required|essential|necessary|needed|mandatory|a\s+requirement)"
    r"|no\s+need|(?:don't|do\s+not|doesn't|does\s+not|won't)\s+(?:\w+\s+)?(?:need|require|have))\b"
    # "(no security clearance required)".
    r"|\bno\s+(?:\w+\s+){0,2}?(?:clearance|vetting|work(?:ing)?\s+rights)\s+(?:is\s+)?(?:required|needed|necessary)\b"
    # An alternative that is sponsorship: "working rights or eligibility for sponsorship".
    r"|\bor\s+(?:\w+\s+){0,4}?spon?s[oe]r\w*",
    re.IGNORECASE,
)
# "Candidates who are not citizens ..." describes who will need sponsorship, not a restriction.
_NON_CITIZENS = re.compile(
    rf"\bnot\s+(?:\w+\s+){{0,2}}?{_CITIZENSHIP}|\bnon-?\s?(?:citizens?|residents?)\b|\bwithout\s+(?:\w+\s+){{0,2}}?{_WORK_RIGHTS}",
    re.IGNORECASE,
)

# Permanent residence offered as a benefit ("a pathway to permanent residency", "PR
# eligibility after two years") is not a residency requirement; it is blanked out before
# requirements are read.
_RESIDENCY_AS_BENEFIT = re.compile(
    rf"\b(?:pathway|path|route|transition|eligib\w*|apply|lead\w*|progress\w*|towards?|sponsor\w*|nominat\w*|gain|obtain)"
    rf"\s+(?:\w+\s+){{0,2}}?{_CITIZENSHIP}|\b(?:sponsor\w*|nominat\w*)\s+(?:\w+\s+){{0,4}}?for\s+{_CITIZENSHIP}"
    rf"|{_CITIZENSHIP}\s+(?:pathway|path|route|sponsor\w*|nomination|visa|application|eligibility|after|via|through)",
    re.IGNORECASE,
)

# A question about needing a visa, answered yes: "Need sponsorship? We can help.", "Don't have
# full working rights? No problem".
_ANSWERED_VISA_QUESTION = re.compile(
    rf"(?:\b(?:need|require|requiring|needing|want|looking\s+for)\w*\s+(?:\w+\s+){{0,2}}?(?:visas?|{_SPONSORSHIP}|482|186|494|457)"
    rf"|\b(?:don't|do\s+not)\s+(?:yet\s+)?have\s+(?:\w+\s+){{0,2}}?{_WORK_RIGHTS})[^?]*\?\s*"
    r"(?:no\s+(?:problem|worries)|yes|absolutely|of\s+course|we\s+(?:\w+\s+){0,2}?(?:help|assist|support|sponsor))",
    re.IGNORECASE,
)

# Clause breaks: ';', '?', spaced dashes, and contrast words that start the operative part.
_CLAUSE_BREAK = re.compile(
    r"(?<=\?)\s*|\s*;\s*|\s+[–—-]\s+|\s*,?\s*\b(?=(?:but|however|whereas|although|though)\b)",
    re.IGNORECASE,
)
# A clause opened by a concession ends at its first comma: "While we sponsor many roles, ...".
_CONCESSION = re.compile(
    r"^\W*(?:while|whilst|although|though|even\s+though|despite|notwithstanding)\b[^,]*,",
    re.IGNORECASE,
)

# Scope: does the sentence speak about this role, or the company at large?
_ROLE_SCOPE = re.compile(
    r"\bthis\s+(?:\w+\s+)?(?:role|position|vacancy|job|opportunity|opening|post|posting|contract|team)\b"
    r"|\bthe\s+(?:successful|right|preferred)\s+(?:candidate|applicant|person)"
    r"|\bsuccessful\s+(?:candidates?|applicants?)"
    r"|\b(?:applicants?|candidates?|you)\s+(?:\w+\s+)?(?:must|will\s+need|need|are\s+required|should)\b"
    r"|^\W*(?:must|only)\b",
    re.IGNORECASE,
)
_BOILERPLATE_SCOPE = re.compile(
    # A global template: "... unless otherwise stated in this advert", "the country of employment".
    r"\bunless\s+(?:otherwise\s+(?:stated|specified|advertised|noted|indicated)|(?:stated|specified|noted|indicated)\s+otherwise)\b"
    r"|\b(?:all|any)\s+(?:roles|positions|jobs|vacancies|opportunities)\s+(?:at|with|across)\b"
    r"|\bto\s+be\s+considered\s+for\s+(?:\w+\s+){0,2}?(?:roles|positions|jobs|vacancies)\s+(?:at|with)\b"
    r"|\bcountry\s+(?:of\s+employment|(?:in\s+which|where)\s+the\s+(?:role|position|job))\b|"
    r"\b(?:many|some|most|other|certain|select(?:ed)?)\s+(?:of\s+our\s+)?(?:roles|positions|vacancies|jobs|teams|people|clients)\b"
    r"|\bacross\s+(?:our|the)\s+(?:\w+\s+)?(?:company|business|group|practice|organi[sz]ation|firm)\b"
    r"|\bin\s+the\s+past\b|\bfrom\s+time\s+to\s+time\b|\bwhere\s+(?:possible|appropriate|applicable)\b|\bgenerally\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Statement:
    status: str  # OFFERED or NOT_OFFERED
    sentence: str  # the evidence, as the ad says it
    visas: tuple[str, ...]
    scope: int  # _BOILERPLATE .. _ELIGIBILITY_FIELD
    # The sentences around it in the same paragraph, and the heading or key it answers:
    # a subclass is often named there ("We sponsor. 482, then 186.").
    context: tuple[str, ...] = ()


def detect_sponsorship(text: str) -> tuple[str, str, tuple[str, ...]]:
    """(status, evidence sentence, visas offered) for the plain text of an ad (HTML is accepted too)."""
    return _decide(_statements(html_to_text(text)))


# A short line that introduces what follows: a heading, a table header, a key ("Work rights:").
_LABEL_MAX_WORDS = 7
# Headings over a list of what the employer gives.
_BENEFITS_HEADING = re.compile(
    r"^\W*(?:(?:what|here's\s+what|things)\s+we\s+(?:offer|provide|give)|what(?:'s|\s+is)\s+in\s+it\s+for\s+you"
    r"|what\s+you(?:'ll|\s+will)?\s+get|(?:the\s+|our\s+|employee\s+|key\s+)?(?:benefits|perks|package|offer)\b"
    r"|why\s+(?:join|work\s+(?:with|for))\b|we\s+offer\b|you(?:'ll|\s+will)\s+(?:get|receive|enjoy))",
    re.IGNORECASE,
)
_BENEFITS_KEY = re.compile(
    r"^\W*(?:benefits|perks|what\s+we\s+offer|we\s+offer|(?:the\s+)?package|the\s+offer)\s*[:-]\s*(?P<value>.+)",
    re.IGNORECASE,
)
# A heading or key that names the visa question itself ("Work rights", "Visa sponsorship").
_VISA_KEY = re.compile(
    r"^\W*(?:visa\s+|australian\s+)?(?:visas?|sponsorship|work(?:ing)?\s+rights?|rights?\s+to\s+work|(?:work\s+)?eligibility"
    r"|citizenship|residency|visa\s+status|(?:security\s+)?clearance|immigration)(?:\s+(?:status|requirements?|information|details))?\W*$",
    re.IGNORECASE,
)
_SPONSORSHIP_QUESTION = re.compile(r"spon?s[oe]r|visa|nominat", re.IGNORECASE)
# Headings that end such a list.
_OTHER_HEADING = re.compile(
    r"^\W*(?:what\s+you(?:'ll|\s+will)?\s+(?:need|do|bring|be\s+doing)|about\b|requirements|responsibilities|skills"
    r"|how\s+to\s+apply|the\s+role\b|who\s+you\s+are|who\s+we\s+are|your\s+(?:experience|background)|you\s+have"
    r"|qualifications|key\s+(?:duties|responsibilities|criteria)|selection\s+criteria|essential|desirable)",
    re.IGNORECASE,
)
# The answer under a visa heading or key: "Yes - 482 available", "No", "482 and 186".
_YES = re.compile(
    r"^\W*(?:yes|yep|yeah|absolutely|of\s+course|definitely|sure)\b\W*", re.IGNORECASE
)
_NO = re.compile(
    # A bare "No" ("No.", "No - but ..."), never "No working rights? No problem".
    r"^\W*(?:no(?=\s*(?:[-,.;:!]|$))|nope|sorry|unfortunately(?:\s+not)?"
    r"|not\s+(?:for\s+this|at\s+(?:this|the\s+moment|present)|currently|right\s+now|in\s+this\s+case))\b\W*",
    re.IGNORECASE,
)
# An answer that leaves the question open: "TBC", "to be confirmed".
_UNDECIDED = re.compile(
    r"^\W*(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|advised|determined|discussed)|unknown|unsure|depends)\b",
    re.IGNORECASE,
)
_BARE_ANSWER = re.compile(
    r"^\W*(?:available|offered|provided|possible|on\s+offer|considered|can\s+be|may\s+be|not\s+(?:available|offered|possible)"
    r"|unavailable|n/?a\b|none\b|(?:subclass\s+)?(?:482|186|494|457)\b|(?-i:TSS|ENS|SID)\b|skills\s+in\s+demand)",
    re.IGNORECASE,
)


def _is_label(sentences: list[str]) -> bool:
    line = sentences[0]
    return (
        len(sentences) == 1
        and len(line.split()) <= _LABEL_MAX_WORDS
        and not line.rstrip("\"')]").endswith((".", "!"))
    )


def _statements(text: str, scope: int | None = None, *, intake: bool = False) -> list[_Statement]:
    """What each statement of plain ``text`` says about sponsorship, with its scope and context.

    A statement is a sentence, or the answer under a heading or key together with
    that heading ("Visa sponsorship" / "Yes - 482 available"), or a bullet under a
    benefits heading ("What we offer" / "Sponsorship").
    """
    statements: list[_Statement] = []
    label, label_statement, benefits = "", None, False
    written_lines = split_lines(text)
    # Rules read the plain form; the evidence quotes the ad as written.
    plain_lines = [[normalise(sentence) for sentence in written] for written in written_lines]
    for index, (written, sentences) in enumerate(zip(written_lines, plain_lines, strict=True)):
        # An answer under a heading is not itself a heading.
        is_label = _is_label(sentences) and not label
        for position, sentence in enumerate(sentences):
            answers_label = bool(label) and position == 0
            if not answers_label and not _mentions_visas(sentence):
                continue  # most sentences of an ad are about the work
            reading = sentence
            benefit = _BENEFITS_KEY.match(sentence)
            if answers_label and _UNDECIDED.match(sentence):
                # "Visa sponsorship" / "To be confirmed": neither the heading nor its answer decides.
                if label_statement is not None:
                    statements.remove(label_statement)
                    label_statement = None
                continue
            if answers_label:
                reading = _answer_reading(label, sentence)
            elif benefit:
                reading = f"We offer {benefit['value']}"  # "Benefits: employer-sponsored 186 visa"
            elif benefits and is_label:
                reading = f"We offer {sentence}"
            status, visas = _read_sentence(reading, intake)
            if status is None and reading != sentence:
                status, visas = _read_sentence(sentence, intake)
            if status is None:
                continue
            if answers_label and label_statement is not None:
                # The heading's own reading gives way to the answer that completes it.
                statements.remove(label_statement)
                label_statement = None
            statement_scope = scope
            if statement_scope is None:
                statement_scope = _scope_of(sentence)
                if reading != sentence and label and statement_scope == _GENERAL:
                    statement_scope = _scope_of(reading)
            around = _around(plain_lines, index)
            context = (label, *around) if answers_label else around
            statements.append(
                _Statement(status, written[position], visas, statement_scope, context)
            )
        if is_label:
            heading = sentences[0]
            about_visas, lists_benefits = _heading_kind(heading)
            if lists_benefits is not None:
                benefits = lists_benefits
            label = heading if about_visas else ""
            label_statement = (
                statements[-1]
                if about_visas and statements and statements[-1].sentence == written[0]
                else None
            )
        else:
            label, label_statement = "", None
            benefits = benefits and len(sentences) == 1 and len(sentences[0].split()) <= 20
    return statements


@lru_cache(maxsize=4096)
def _heading_kind(heading: str) -> tuple[bool, bool | None]:
    """Whether a heading is about visas, and whether it opens (True) or closes (False) a benefits list."""
    about_visas = _mentions_visas(heading)
    if _BENEFITS_HEADING.search(heading) and not about_visas:
        return about_visas, True
    if _OTHER_HEADING.search(heading) or heading.endswith(":"):
        return about_visas, False
    return about_visas, None


def _around(lines: list[list[str]], index: int) -> tuple[str, ...]:
    """A sentence's paragraph, with the sentence just before it and the one just after it."""
    before = lines[index - 1][-1:] if index else []
    after = lines[index + 1][:1] if index + 1 < len(lines) else []
    return (*before, *lines[index], *after)


def _neighbours_text(sentences: tuple[str, ...]) -> str:
    # A product, a duty or a skill that names subclasses names none on offer.
    return " ".join(
        sentence
        for sentence in sentences
        if not (_PRODUCT_SUBJECT.search(sentence) or _SKILL_IN_VISAS.search(sentence))
    )


def _answer_reading(label: str, answer: str) -> str:
    """How an answer reads with the heading or key it answers."""
    key = label.rstrip(" :?")
    if label.endswith("?") and _SPONSORSHIP_QUESTION.search(label):
        # "Do you sponsor visas?" / "Unfortunately not": the answer is about sponsorship.
        key = "Visa sponsorship"
    if _YES.match(answer):
        return f"{key}: yes - {_YES.sub('', answer, count=1)}"
    if _NO.match(answer):
        return f"{key}: no - {_NO.sub('', answer, count=1)}"
    if _BARE_ANSWER.match(answer) or label.endswith((":", "?")):
        return f"{key}: {answer}"
    if _VISA_KEY.match(label) and _read_sentence(answer)[0] is None:
        return f"{key}: {answer}"  # "Work rights" / "Australian citizens only"
    return answer


def _decide(statements: list[_Statement]) -> tuple[str, str, tuple[str, ...]]:
    if not statements:
        return UNKNOWN, "", ()
    top = max(statement.scope for statement in statements)
    leaders = [statement for statement in statements if statement.scope == top]
    refusals = [statement for statement in leaders if statement.status == NOT_OFFERED]
    if refusals:
        return NOT_OFFERED, refusals[0].sentence, ()
    # Subclasses come from every offer that is not mere boilerplate, and from the deciding one.
    deciding = leaders[0]
    visas = set(deciding.visas)
    for statement in statements:
        if statement.status == OFFERED and statement.scope > _BOILERPLATE:
            visas.update(statement.visas)
    if not visas:
        # None named in any offer: the paragraph or heading around the deciding one may.
        visas.update(visas_named(_neighbours_text(deciding.context)))
    return OFFERED, deciding.sentence, tuple(sorted(visas))


@lru_cache(maxsize=8192)
def _scope_of(sentence: str) -> int:
    if _BOILERPLATE_SCOPE.search(sentence):
        return _BOILERPLATE
    if _ROLE_SCOPE.search(sentence):
        return _THIS_ROLE
    return _GENERAL


# Every offer and refusal above needs one of these words; a sentence without any says
# nothing about visas, and skipping it early keeps classifying fast (most sentences of
# an ad are about the work). Deliberately broader than the patterns it guards.
_ABOUT_VISAS = re.compile(
    # Matched against the lower-cased sentence: much faster than IGNORECASE.
    r"spon?s[oe]r|visa|nominat|permit|residen|citizen|\b(?:pr|482|186|494|457|tss|sid|ens)\b"
    r"|work(?:ing)?\s+rights?|rights?\s+to\s+(?:live\s+and\s+)?work|to\s+work\s+in\s+(?:australia|the\s)|work\s+authori"
    r"|clearance|vetting|\bnv\s?-?[12]\b|agsva|tspv|labour\s+agreement|\bdama\b"
)


@lru_cache(maxsize=16384)
def _mentions_visas(sentence: str) -> bool:
    return bool(_ABOUT_VISAS.search(sentence.lower()))


# Reading is pure, and an employer's boilerplate repeats in every one of its ads.
@lru_cache(maxsize=8192)
def _read_sentence(sentence: str, intake: bool = False) -> tuple[str | None, tuple[str, ...]]:
    """The sentence's stance and, for an offer, the subclasses offered in it."""
    if not _ABOUT_VISAS.search(sentence.lower()):
        return None, ()
    sentence = _spelled_out(sentence)
    if _ANSWERED_VISA_QUESTION.search(sentence):
        return OFFERED, visas_named(sentence)
    readings = [
        (clause, _read_clause(clause, intake)) for clause in _clauses(_plain_sense(sentence))
    ]
    stances = [(clause, status) for clause, status in readings if status is not None]
    if not stances:
        # A requirement whose key and value a dash separates: "NV1 clearance - applicants
        # must be able to obtain and maintain it".
        whole = _plain_sense(sentence)
        other = _OTHER_VISAS.search(whole) or (not intake and _OTHER_INTAKE.search(whole))
        if not other and _is_refusal(whole) and not _AT_THE_START.search(whole):
            return NOT_OFFERED, ()
        return None, ()
    offers = " ; ".join(clause for clause, status in stances if status == OFFERED)
    refusals = " ; ".join(clause for clause, status in stances if status == NOT_OFFERED)
    if stances[-1][1] == NOT_OFFERED:
        # A refusal that names subclasses refuses only those:
        # "We sponsor 482 visas but cannot sponsor 186 nominations."
        refused = set(visas_named(refusals))
        kept = set(visas_named(offers)) - refused
        if refused and kept:
            return OFFERED, tuple(sorted(kept))
        return NOT_OFFERED, ()
    return OFFERED, visas_named(offers if refusals else sentence)


# Contractions spelled out, so every rule meets one form: "we’ll" (made "we'll" by the
# normaliser) reads "we will", "can't" reads "cannot". Possessives are left alone.
_CONTRACTIONS = (
    (re.compile(r"\b(can)'t\b", re.IGNORECASE), r"\1not"),
    (re.compile(r"\b(w)on't\b", re.IGNORECASE), r"\1ill not"),
    (re.compile(r"\b(sha)n't\b", re.IGNORECASE), r"\1ll not"),
    (re.compile(r"n't\b", re.IGNORECASE), " not"),
    (re.compile(r"'ll\b", re.IGNORECASE), " will"),
    (re.compile(r"'re\b", re.IGNORECASE), " are"),
    (re.compile(r"'ve\b", re.IGNORECASE), " have"),
    (re.compile(r"\b(I|we|you|they|he|she|it|who)'d\b", re.IGNORECASE), r"\1 would"),
    (re.compile(r"\b(I)'m\b"), r"\1 am"),
    (re.compile(r"\b(it|that|there|here|what|who|he|she|this)'s\b", re.IGNORECASE), r"\1 is"),
)
# An aside between two spaced dashes that says nothing about visas is not part of the
# clause: "Sponsorship - and we know this will disappoint some - is not on the table."
_DASHED_ASIDE = re.compile(r"\s+-\s+([^-]{1,100}?)\s+-\s+")


# The same between commas: "We are not currently able, as a small business, to sponsor".
_COMMA_ASIDE = re.compile(r",\s+([^,;]{1,100}?),\s+")


def _spelled_out(sentence: str) -> str:
    if "'" in sentence:
        for pattern, replacement in _CONTRACTIONS:
            sentence = pattern.sub(replacement, sentence)
    if " - " in sentence:
        sentence = _DASHED_ASIDE.sub(_drop_aside, sentence)
    if sentence.count(",") >= 2:
        sentence = _COMMA_ASIDE.sub(_drop_aside, sentence)
    return sentence


def _drop_aside(aside: re.Match[str]) -> str:
    return aside[0] if _ABOUT_VISAS.search(aside[1].lower()) else " "


def _plain_sense(sentence: str) -> str:
    for pattern, replacement in _NOT_VISA_SENSES:
        sentence = pattern.sub(replacement, sentence)
    return _IDIOMS.sub("", sentence)


def _clauses(sentence: str) -> list[str]:
    clauses = []
    for clause in _CLAUSE_BREAK.split(sentence):
        if not clause or not clause.strip():
            continue
        concession = _CONCESSION.match(clause)
        if concession:
            clauses.extend([clause[: concession.end()], clause[concession.end() :]])
        else:
            clauses.append(clause)
    return [clause.strip() for clause in clauses if clause.strip()]


# Visas that are not Australian employer sponsorship: other countries' work visas, and
# Global Talent, for which an employer is only a nominator.
_OTHER_VISAS = re.compile(
    r"(?-i:\b(?:H-?1B|O-?1A?|L-?1[AB]?|AEWV|TN)\b)|\bgreen\s+cards?\b|\bTier\s+2\b|\bskilled\s+worker\s+(?:visas?|route|sponsorship)"
    r"|\baccredited\s+employer\s+work\s+visas?|\b(?:employment|s)\s+pass(?:es)?\b|\beu\s+blue\s+cards?\b|\bglobal\s+talent\b"
    r"|\bcritical\s+skills\s+employment\s+permit",
    re.IGNORECASE,
)
# An office or team abroad as the place an offer is for ("for our London-based roles", "for
# Auckland hires"); "from the UK" is where a candidate comes from, and does not count.
_ABROAD = re.compile(
    r"\b(?:in|for|at|our|within|based\s+in|joining)\s+(?:the\s+|our\s+)?"
    r"(?-i:US|USA|U\.S\.|UK|U\.K\.|NZ|EU|SF|NYC)\b"
    r"|\b(?:in|for|at|our|within|based\s+in|joining)\s+(?:the\s+|our\s+)?(?:united\s+states|america|united\s+kingdom"
    r"|britain|england|ireland|canada|new\s+zealand|singapore|india|germany|europe|japan|hong\s+kong|philippines"
    r"|malaysia|indonesia|london|dublin|san\s+francisco|new\s+york|seattle|boston|austin|toronto|vancouver|auckland"
    r"|wellington|christchurch|berlin|amsterdam|paris|tokyo|bangalore|bengaluru|manila|kuala\s+lumpur|jakarta)\b",
    re.IGNORECASE,
)
_AUSTRALIAN = re.compile(
    r"\baustralia|\b(?:482|186|494|457)\b|(?-i:\b(?:TSS|SID|ENS|SESR)\b)|skills\s+in\s+demand",
    re.IGNORECASE,
)
# Holders of a visa of their own are welcome: that says nothing of sponsorship.
_HOLDERS_WELCOME = re.compile(
    r"\bholders?\b[^.;()]*?\b(?:are\s+)?(?:welcome|encouraged|invited|considered|eligible|may\s+apply|can\s+apply)\w*"
    r"|\b(?:welcome|encourage|invite|open\s+to)\w*\s+(?:applications?\s+from\s+)?(?:[\w()/-]+\s+){0,4}?holders?\b",
    re.IGNORECASE,
)
# Sponsorship done before, which says nothing of now.
_PAST_SPONSORSHIP = re.compile(
    r"\b(?:have|has|had)\s+(?:\w+\s+){0,2}?(?:sponsored|nominated)\b|\bpreviously\s+(?:\w+\s+)?(?:sponsored|nominated)\b"
    r"|\b(?:sponsored|nominated)\s+(?:[\w-]+\s+){0,5}?(?:in\s+the\s+past|before|previously|last\s+year)\b",
    re.IGNORECASE,
)
_AT_THE_START = re.compile(
    r"\b(?:at\s+the\s+(?:outset|start)|initially|at\s+first|to\s+begin\s+with)\b", re.IGNORECASE
)
_AGAIN = re.compile(
    r"\b(?:happy|willing|glad|keen|prepared|open|happily|gladly)\s+(?:to\s+)?(?:do\s+(?:it|so|that)\s+)?again\b",
    re.IGNORECASE,
)
_PRESENT_OFFER = re.compile(
    r"\b(?:can|will|would|may|could|able|happy|willing|open|available|offer\w*|provide\w*|continue\w*|again|this\s+role)\b",
    re.IGNORECASE,
)
# A statement about another intake than this role: "not available for our graduate program",
# unless the role is in that intake.
_INTAKE_TITLE = re.compile(
    r"\b(?:graduate|grad|intern(?:ship)?|cadet|apprentice|vacation)\b", re.IGNORECASE
)
_OTHER_INTAKE = re.compile(
    r"\b(?:internships?|(?:graduate|grad|intern|vacation|summer|cadet)\s+(?:and\s+\w+\s+)?(?:programs?|programmes?|intakes?)"
    r"|cadetships?|apprenticeships?)\b",
    re.IGNORECASE,
)


def _read_clause(clause: str, intake: bool = False) -> str | None:
    """OFFERED, NOT_OFFERED or None for one clause. A refusal wins a tie inside a clause."""
    if clause.endswith("?"):
        # A question ("Do you require sponsorship?") states nothing.
        return None
    if _OTHER_VISAS.search(clause) or (not intake and _OTHER_INTAKE.search(clause)):
        return None
    if _ABROAD.search(clause) and not _AUSTRALIAN.search(clause):
        return None
    if _AGAIN.search(clause) and _SPONSOR_VERB.search(clause):
        return OFFERED  # "We've sponsored before and are happy to again."
    if _PAST_SPONSORSHIP.search(clause) and not _PRESENT_OFFER.search(clause):
        # "We have sponsored engineers in the past" promises nothing for this role.
        return None
    if _is_refusal(clause):
        # "We can't sponsor at the outset" (then "after two years we nominate you").
        return None if _AT_THE_START.search(clause) else NOT_OFFERED
    offers = _offer_spans(clause)
    if not offers:
        return None
    if any(_negated(clause, start, end) for start, end in offers):
        return None if _AT_THE_START.search(clause) else NOT_OFFERED
    return OFFERED


def _is_refusal(clause: str) -> bool:
    if any(pattern.search(clause) for pattern in _REFUSALS) or _MUST_NOT_NEED.search(clause):
        return True
    need = _NEEDS_SPONSORSHIP.search(clause)
    if need and (
        _NEGATOR.search(clause, need.end())
        or _NOT_CONSIDERED.search(clause, 0, need.start())
        or (_NEGATOR.search(clause, 0, need.start()) and _CONSIDER.search(clause, 0, need.start()))
    ):
        # "Applicants requiring sponsorship will not be considered", "we are unable to
        # consider candidates who require sponsorship".
        return True
    if (
        _NOT_REQUIRED.search(clause)
        or _NON_CITIZENS.search(clause)
        or _ONLY_TO_START.search(clause)
    ):
        return False
    # "485 holders welcome" is about a visa of the candidate's own; what else the clause
    # requires still counts ("Full working rights required (485 holders welcome)").
    clause = _HOLDERS_WELCOME.sub(" ", clause)
    clause = _RESIDENCY_AS_BENEFIT.sub("residency benefit", clause)
    return any(pattern.search(clause) for pattern in _REQUIREMENTS)


# A requirement only for the start ("work rights to start; after two years we nominate you").
_ONLY_TO_START = re.compile(
    r"\b(?:to\s+(?:start|begin)|initially|at\s+(?:first|the\s+outset|the\s+start)|to\s+begin\s+with|for\s+now)\b",
    re.IGNORECASE,
)
_CONSIDER = re.compile(r"\b(?:consider|accept|progress|shortlist|hire|proceed)\w*\b", re.IGNORECASE)
_NOT_CONSIDERED = re.compile(
    r"\b(?:not|unable\s+to|cannot|never)\s+(?:\w+\s+){0,3}?(?:consider|accept|progress|shortlist|hire|proceed\s+with|support)\w*\b",
    re.IGNORECASE,
)


# A clause about what the company's product or customers do with visas, not about this job:
# "Our platform supports visa sponsorship workflows", "we help our customers sponsor visas".
_PRODUCT_SUBJECT = re.compile(
    r"\bour\s+(?:[\w-]+\s+)?(?:platform|products?|software|models?|tools?|apps?|system|solution|service|api"
    r"|customers|clients|users|partners)\b",
    re.IGNORECASE,
)


def _offer_spans(clause: str) -> list[tuple[int, int]]:
    if _PRODUCT_SUBJECT.search(clause) or _SKILL_IN_VISAS.search(clause):
        return []
    spans = [
        match.span()
        for pattern in _OFFERS
        for match in pattern.finditer(clause)
        if not _PEOPLE_ON_VISAS.search(match[0])
    ]
    spans.extend(
        match.span()
        for match in _WE_SPONSOR.finditer(clause)
        if _sponsors_a_visa(match["object"])
        # "If you need a visa, we will sponsor one."
        or (_PRONOUN_OBJECT.match(match["object"]) and _VISA_OBJECT.search(clause))
    )
    pathway = _PR_PATHWAY_RE.search(clause)
    if pathway and _EMPLOYER_ROUTE.search(clause):
        # "PR pathway via 186 after two years", "a pathway to PR through employer nomination".
        spans.append(pathway.span())
    spans.extend(
        match.span()
        for match in _NAME_SPONSORS.finditer(clause)
        if _VISA_OBJECT.search(match["object"])
    )
    need = _NEEDS_SPONSORSHIP.search(clause)
    welcome = _WELCOMED.search(clause)
    if need and welcome:
        # "We welcome applications from candidates who require visa sponsorship."
        spans.append(welcome.span())
    fragment = _BENEFIT_FRAGMENT.search(clause)
    if fragment and len(clause.split()) <= _FRAGMENT_MAX_WORDS and not need:
        # A benefit listed as a noun phrase: "482 visa sponsorship for overseas applicants".
        spans.append(fragment.span())
    return spans


_PRONOUN_OBJECT = re.compile(r"\W+(?:one|it|yours|that)\b", re.IGNORECASE)
# "PR through 186", "permanent residency via employer nomination".
_PR_PATHWAY_RE = re.compile(
    rf"{_PR_PATHWAY}|(?:(?-i:\bPR\b)|permanent\s+residen\w*)\s+(?:through|via|under|with)\s+(?:an?\s+|the\s+)?(?:186|(?-i:ENS)|employer)",
    re.IGNORECASE,
)
_EMPLOYER_ROUTE = re.compile(
    r"\b(?:186|482|494)\b|(?-i:\bENS\b)|employer[\s-]+nominat\w*|\bnominat\w*|spon?s[oe]r\w*",
    re.IGNORECASE,
)


# Visas as a subject the candidate knows ("Strong knowledge of employer-sponsored visa
# programs", for a mobility or HR role): a skill asked for, not a benefit.
_SKILL_IN_VISAS = re.compile(
    r"\b(?:knowledge|experience|understanding|familiarity|expertise|background)\s+(?:of|with|in)\b"
    # ... or the job's duties, or the business's trade: "you will manage our 482 program",
    # "a practice specialising in employer-sponsored visas".
    r"|\b(?:you\s+will\s+(?:\w+\s+)?(?:manage|administer|coordinate|oversee|process|lodge|prepare)|responsible\s+for"
    r"|speciali[sz]\w*\s+in)\s+(?:[\w'-]+\s+){0,3}?(?:visa|sponsorship|482|186|494|immigration|migration|nomination)",
    re.IGNORECASE,
)
# Support for people who already hold visas ("we support employees already on visas with
# flexible leave") is not an offer of one.
_PEOPLE_ON_VISAS = re.compile(
    r"\b(?:already\s+)?(?:on|holding|hold)\s+(?:their\s+own\s+|existing\s+|other\s+|temporary\s+|working\s+)?visas\b",
    re.IGNORECASE,
)


def _sponsors_a_visa(sponsored: str) -> bool:
    if _VISA_OBJECT.search(sponsored):
        return True
    return bool(_PEOPLE_OBJECT.search(sponsored)) and not _PATRONAGE_OBJECT.search(sponsored)


def _negated(clause: str, start: int, end: int) -> bool:
    # Negation sits just before the offer or inside it ("sponsorship is not available").
    return bool(_NEGATOR.search(clause, max(0, start - 40), end))


# --------------------------------------------------------------------------
# Candidate pays (possible scam)
# --------------------------------------------------------------------------

_COST = r"(?:costs?|fees?|charges?|expenses?|levy|levies)"
_VISA_THING = (
    r"(?:visa|sponsorship|nomination|migration(?:\s+agent)?|application|processing|lodgement)"
)
# Australian law forbids passing sponsorship costs to the worker, so these wordings flag a listing.
_CANDIDATE_PAYS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "You will cover the visa costs", "the candidate is responsible for all sponsorship fees".
        rf"\b(?:you|candidates?|applicants?|employees?|workers?|the\s+successful\s+(?:candidate|applicant))\s+(?:\w+\s+){{0,3}}?"
        rf"(?:pay|pays|paying|cover|covers|bear|bears|fund|funds|reimburse|responsible\s+for)\s+(?:[\w'-]+\s+){{0,4}}?{_VISA_THING}\s+{_COST}",
        # "Pay for your sponsorship", "pay for your own visa".
        r"\bpay\w*\s+(?:\w+\s+){0,2}?for\s+(?:your|their|his|her|the)\s+(?:own\s+)?(?:visa|sponsorship|nomination)",
        # "Visa costs are at the candidate's own expense", "sponsorship fee deducted from your salary".
        rf"{_VISA_THING}\s+{_COST}\s+(?:\w+\s+){{0,4}}?(?:at\s+(?:your|the\s+\w+'s)\s+(?:own\s+)?(?:cost|expense)|paid\s+by\s+(?:you|the\s+(?:candidate|applicant|employee))|borne\s+by\s+(?:you|the\s+(?:candidate|applicant|employee))|deducted|payable\s+by\s+(?:you|the))",
        # A "sponsorship fee" or "nomination fee" asked of anyone who answers an ad is a charge on the worker.
        r"\b(?:sponsorship|nomination)\s+(?:fees?|charges?|costs?\s+of\s+\$)",
        # "Self-funded sponsorship", "employee-funded visa".
        r"\b(?:self|employee|candidate|applicant)[\s-]+(?:funded|paid)\s+(?:visa|sponsorship)",
    )
)
# The employer paying, or a statement that nothing is charged, is the lawful opposite.
_EMPLOYER_PAYS = re.compile(
    r"\bwe\s+(?:\w+\s+){0,2}?(?:pay|cover|fund|bear|reimburse|meet)\b|\b(?:paid|covered|borne|funded|met)\s+(?:in\s+full\s+)?by\s+(?:us|the\s+(?:company|employer|business))"
    r"|\bat\s+no\s+(?:cost|charge)\b|\bfree\s+of\s+charge\b|\b(?:no|never|not|without)\s+(?:\w+\s+){0,3}?(?:fees?|costs?|charges?)\b|\billegal|\bunlawful|\bprohibited",
    re.IGNORECASE,
)


def candidate_pays_phrase(text: str) -> str:
    """The first sentence suggesting the candidate pays for sponsorship or visa fees, else "".

    Moderation uses this to flag a listing for review, so it leans towards
    flagging; a sentence where the employer pays is never flagged.
    """
    for written in split_sentences(html_to_text(text)):
        sentence = _spelled_out(normalise(written))
        if _EMPLOYER_PAYS.search(sentence):
            continue
        if any(pattern.search(sentence) for pattern in _CANDIDATE_PAYS):
            return written
    return ""
