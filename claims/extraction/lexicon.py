"""Word lists the rule stages share. General English, never strings from particular articles."""

from __future__ import annotations

# Verbs that report what a party asserts.
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "confirm",
        "claim",
        "announce",
        "warn",
        "state",
        "add",
        "deny",
        "insist",
        "maintain",
        "believe",
        "consider",
        "emphasize",
        "emphasise",
        "stress",
        "accuse",
        "allege",
        "reveal",
        "note",
        "argue",
        "assert",
        "declare",
        "acknowledge",
        "admit",
        "affirm",
        "estimate",
        "indicate",
        "explain",
        "describe",
        "urge",
        "demand",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "call",
        "reject",
        "dispute",
        "refute",
        "predict",
        "write",
        # Verbs whose act is a stated judgement of someone: "X blamed Y for ...".
        "blame",
        "condemn",
        "criticise",
        "criticize",
        "praise",
    ]
)
# Speech verbs whose content is a party's position rather than a reported fact.
STANCE_VERBS = frozenset(
    [
        "insist",
        "maintain",
        "believe",
        "consider",
        "emphasize",
        "emphasise",
        "stress",
        "urge",
        "demand",
        "vow",
        "pledge",
        "promise",
        "threaten",
        "call",
        "argue",
        "warn",
        "accuse",
        "predict",
        "blame",
        "condemn",
        "criticise",
        "criticize",
        "praise",
    ]
)
DENIAL_VERBS = frozenset({"deny", "refute", "dispute"})
# Verbs that deny when their object is an assertion ("rejected the claim").
REJECTION_VERBS = frozenset({"reject", "dismiss"})
# Titles that make the capitalised words after them a person's name ("Mr Smith"): the
# entity ruler tags such names, and a source phrase gives each in full.
NAME_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")
# Nouns that refer to an assertion ("a claim denied by X").
ASSERTION_NOUNS = frozenset({"claim", "report", "statement", "allegation", "assertion", "account"})
# What a denial refers back to ("denied the accusation", "rejected the claims").
# Words of a public body's name (a coast guard, the interior ministry, a city council):
# "the company" never means one.
PUBLIC_BODY_WORDS = frozenset(
    {
        "agency",
        "army",
        "authorities",
        "authority",
        "commission",
        "committee",
        "council",
        "court",
        "department",
        "government",
        "guard",
        "military",
        "ministry",
        "navy",
        "parliament",
        "police",
        "service",
    }
)
# Words in an organisation's name that say it is no business, so never "the company":
# a public body, a union, a party, a club.
NOT_A_BUSINESS_WORDS = PUBLIC_BODY_WORDS | frozenset(
    {
        "union",
        "party",
        "federation",
        "association",
        "movement",
        "league",
        "club",
        "church",
        "university",
        "foundation",
        "charity",
        "coalition",
        "congress",
    }
)
DENIED_NOUNS = frozenset(
    {"accusation", "allegation", "claim", "charge", "report", "suggestion", "criticism"}
)

CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
# What introduces a clause giving a reason, itself a statement of fact ("..., as it
# borders the coast", "..., since the region is home to ...").
REASON_MARKS = frozenset({"because", "since", "as"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "should", "provided", "lest"})
MODALS = frozenset({"could", "would", "might", "may", "should", "will", "shall", "must", "can"})
HEDGES = frozenset(
    [
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "unlikely",
        "potentially",
        "reportedly",
        "allegedly",
        "apparently",
        "expected",
        "poised",
        "set",
    ]
)
# Adjectives and adverbs that evaluate rather than describe.
EVALUATIVE = frozenset(
    [
        "significant",
        "major",
        "important",
        "crucial",
        "critical",
        "key",
        "dramatic",
        "remarkable",
        "notable",
        "historic",
        "unprecedented",
        "huge",
        "massive",
        "serious",
        "severe",
        "devastating",
        "stunning",
        "successful",
        "alarming",
        "worrying",
        "impressive",
        "considerable",
        "substantial",
        "painful",
        "tragic",
        "bitter",
        "terrible",
        "horrific",
        "shocking",
        "sad",
        "unfortunate",
        "unresolved",
        "difficult",
    ]
)
# Verbs of feeling, hope and fear: mood, not fact.
MOOD_VERBS = frozenset(["fear", "hope", "worry", "dread", "expect", "wish", "anticipate"])
# Meta-notes about verification.
VERIFICATION_WORDS = frozenset(
    ["verify", "verified", "independently", "confirm", "immediately", "clear"]
)
# Verbs whose main job is to link a subject to a description (background facts).
STATIVE_VERBS = frozenset(
    [
        "be",
        "sit",
        "lie",
        "locate",
        "border",
        "remain",
        "house",
        "host",
        "lead",
        "border",
        "stretch",
        "belong",
        "own",
        "contain",
        "hold",
    ]
)
# Nouns that count people or losses: figures of these are quantity claims.
PEOPLE_NOUNS = frozenset(
    [
        "people",
        "person",
        "civilian",
        "civilians",
        "soldier",
        "soldiers",
        "troop",
        "troops",
        "force",
        "forces",
        "fighter",
        "fighters",
        "militant",
        "militants",
        "refugee",
        "refugees",
        "death",
        "deaths",
        "life",
        "lives",
        "casualty",
        "casualties",
        "prisoner",
        "prisoners",
        "resident",
        "residents",
        "gunman",
        "gunmen",
        "member",
        "members",
        "child",
        "children",
        "woman",
        "women",
        "man",
        "men",
        "worker",
        "workers",
        "migrant",
        "migrants",
        "victim",
        "victims",
        "protester",
        "protesters",
    ]
)
DISCOURSE_ADVERBS = frozenset(
    [
        "however",
        "meanwhile",
        "also",
        "moreover",
        "furthermore",
        "additionally",
        "separately",
        "instead",
        "still",
        "yet",
        "nonetheless",
        "nevertheless",
        "besides",
    ]
)
