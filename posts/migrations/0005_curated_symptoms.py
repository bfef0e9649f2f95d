"""Ships the curated MS symptom list, in plain words written for this project.

Admins curate it afterwards. The slugs are written out (as slugify() made them when this
was written) so the migration imports nothing that could change; synonyms map slug to name.
"""

from django.db import migrations

CURATED_SYMPTOMS = [
    {
        "slug": "ms-hug",
        "name": "MS hug",
        "description": (
            "A squeezing or tight band around the chest, ribs or waist. It can feel "
            "frightening, like a heart problem, and comes from nerve signals being "
            "scrambled."
        ),
        "synonyms": {
            "banding": "banding",
            "girdle-sensation": "girdle sensation",
            "dysaesthesia": "dysaesthesia",
            "tight-band-around-ribs": "tight band around ribs",
        },
    },
    {
        "slug": "back-spasticity",
        "name": "Back spasticity",
        "description": (
            "Stiffness and tightness in the back muscles, often worse in the morning "
            "or after sitting still."
        ),
        "synonyms": {
            "stiff-back": "stiff back",
            "back-stiffness": "back stiffness",
        },
    },
    {
        "slug": "leg-spasticity",
        "name": "Leg spasticity",
        "description": (
            "Legs that feel stiff, heavy or hard to bend, which can make walking and "
            "stairs harder."
        ),
        "synonyms": {
            "stiff-legs": "stiff legs",
            "leg-stiffness": "leg stiffness",
        },
    },
    {
        "slug": "spasms",
        "name": "Spasms",
        "description": "Sudden muscle jerks or cramps, sometimes painful, often at night.",
        "synonyms": {
            "cramps": "cramps",
            "muscle-spasms": "muscle spasms",
            "jerks": "jerks",
        },
    },
    {
        "slug": "fatigue",
        "name": "Fatigue",
        "description": (
            "An overwhelming tiredness that rest does not always fix, different from "
            "ordinary sleepiness."
        ),
        "synonyms": {
            "tiredness": "tiredness",
            "exhaustion": "exhaustion",
            "lassitude": "lassitude",
        },
    },
    {
        "slug": "numbness-and-tingling",
        "name": "Numbness and tingling",
        "description": (
            "Pins and needles, buzzing or loss of feeling, often in the hands, feet or "
            "face."
        ),
        "synonyms": {
            "pins-and-needles": "pins and needles",
            "paraesthesia": "paraesthesia",
            "tingling": "tingling",
            "numbness": "numbness",
        },
    },
    {
        "slug": "trigeminal-neuralgia",
        "name": "Trigeminal neuralgia",
        "description": (
            "Sudden, severe, electric-shock-like pain in the face, often set off by "
            "touch, chewing or brushing teeth."
        ),
        "synonyms": {
            "facial-pain": "facial pain",
            "face-pain": "face pain",
        },
    },
    {
        "slug": "heat-sensitivity",
        "name": "Heat sensitivity",
        "description": (
            "Symptoms that flare up when the body gets warm, from weather, a bath or "
            "exercise, and settle when cool again."
        ),
        "synonyms": {
            "uhthoff": "uhthoff",
            "heat-intolerance": "heat intolerance",
        },
    },
    {
        "slug": "bladder",
        "name": "Bladder",
        "description": "Needing to go urgently or often, trouble emptying, or leaks.",
        "synonyms": {
            "urgency": "urgency",
            "incontinence": "incontinence",
            "bladder-urgency": "bladder urgency",
        },
    },
    {
        "slug": "bowel",
        "name": "Bowel",
        "description": (
            "Constipation, urgency or accidents, which many people find hard to talk "
            "about."
        ),
        "synonyms": {
            "constipation": "constipation",
            "bowel-urgency": "bowel urgency",
        },
    },
    {
        "slug": "balance-and-dizziness",
        "name": "Balance and dizziness",
        "description": "Feeling unsteady, off-balance or dizzy, including vertigo.",
        "synonyms": {
            "vertigo": "vertigo",
            "dizziness": "dizziness",
            "unsteadiness": "unsteadiness",
            "balance": "balance",
        },
    },
    {
        "slug": "vision",
        "name": "Vision",
        "description": (
            "Blurred, doubled or dimmed sight, or painful eyes, for example from optic "
            "neuritis."
        ),
        "synonyms": {
            "optic-neuritis": "optic neuritis",
            "blurred-vision": "blurred vision",
            "double-vision": "double vision",
            "eyesight": "eyesight",
        },
    },
    {
        "slug": "cognitive-fog",
        "name": "Cognitive fog",
        "description": "Trouble with memory, concentration, finding words or thinking quickly.",
        "synonyms": {
            "brain-fog": "brain fog",
            "cog-fog": "cog fog",
            "memory": "memory",
            "concentration": "concentration",
        },
    },
    {
        "slug": "tremor",
        "name": "Tremor",
        "description": "Shaking that you cannot control, in the hands, head or elsewhere.",
        "synonyms": {
            "shaking": "shaking",
            "shaky-hands": "shaky hands",
        },
    },
    {
        "slug": "sleep",
        "name": "Sleep",
        "description": (
            "Trouble falling or staying asleep, often because of pain, spasms or "
            "bladder."
        ),
        "synonyms": {
            "insomnia": "insomnia",
            "sleeplessness": "sleeplessness",
        },
    },
    {
        "slug": "mood",
        "name": "Mood",
        "description": (
            "Low mood, anxiety, irritability or emotional ups and downs, which are "
            "common with MS and deserve care too."
        ),
        "synonyms": {
            "depression": "depression",
            "anxiety": "anxiety",
            "low-mood": "low mood",
        },
    },
    {
        "slug": "walking-and-foot-drop",
        "name": "Walking and foot drop",
        "description": (
            "Difficulty walking, dragging a foot or tripping because the front of the "
            "foot does not lift."
        ),
        "synonyms": {
            "foot-drop": "foot drop",
            "drop-foot": "drop foot",
            "walking": "walking",
            "mobility": "mobility",
        },
    },
    {
        "slug": "pain",
        "name": "Pain",
        "description": "Aches, burning, stabbing or nerve pain anywhere in the body.",
        "synonyms": {
            "nerve-pain": "nerve pain",
            "neuropathic-pain": "neuropathic pain",
            "burning-pain": "burning pain",
            "aches": "aches",
        },
    },
    {
        "slug": "weakness",
        "name": "Weakness",
        "description": "Muscles that tire quickly or do not have their usual strength.",
        "synonyms": {
            "muscle-weakness": "muscle weakness",
        },
    },
    {
        "slug": "speech-and-swallowing",
        "name": "Speech and swallowing",
        "description": "Slurred or slowed speech, or difficulty swallowing food or drink.",
        "synonyms": {
            "slurred-speech": "slurred speech",
            "dysphagia": "dysphagia",
            "swallowing": "swallowing",
        },
    },
    {
        "slug": "relapses",
        "name": "Relapses",
        "description": (
            "New symptoms or old ones returning for days or weeks, and recovering "
            "afterwards."
        ),
        "synonyms": {
            "flare": "flare",
            "flare-up": "flare-up",
            "relapse": "relapse",
            "attack": "attack",
        },
    },
    {
        "slug": "sexual-health",
        "name": "Sexual health",
        "description": (
            "Changes in desire, sensation or function, and how they affect "
            "relationships."
        ),
        "synonyms": {
            "intimacy": "intimacy",
            "sex": "sex",
        },
    },
    {
        "slug": "lhermittes-sign",
        "name": "Lhermitte's sign",
        "description": (
            "A brief electric buzz down the spine or limbs when bending the neck "
            "forward."
        ),
        "synonyms": {
            "lhermitte": "lhermitte",
            "electric-shock-down-spine": "electric shock down spine",
            "barber-chair": "barber chair",
        },
    },
]


def forwards(apps, schema_editor):
    """Idempotent: tests/shipped.py calls it again after a transactional test's flush."""
    Symptom = apps.get_model("posts", "Symptom")
    SymptomSynonym = apps.get_model("posts", "SymptomSynonym")
    for row in CURATED_SYMPTOMS:
        symptom, _ = Symptom.objects.get_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "description": row["description"],
                      "is_curated": True},
        )
        for slug, name in row["synonyms"].items():
            SymptomSynonym.objects.get_or_create(
                slug=slug, defaults={"name": name, "symptom": symptom}
            )


class Migration(migrations.Migration):
    dependencies = [("posts", "0004_symptom_tags")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
