"""The curated MS symptom list Kindred ships with, in plain words written for this project.

A data migration installs it; admins curate it afterwards.
"""

CURATED_SYMPTOMS = [
    ("MS hug", "A squeezing or tight band around the chest, ribs or waist. It can feel "
     "frightening, like a heart problem, and comes from nerve signals being scrambled.",
     ["banding", "girdle sensation", "dysaesthesia", "tight band around ribs"]),
    ("Back spasticity", "Stiffness and tightness in the back muscles, often worse in the "
     "morning or after sitting still.", ["stiff back", "back stiffness"]),
    ("Leg spasticity", "Legs that feel stiff, heavy or hard to bend, which can make walking "
     "and stairs harder.", ["stiff legs", "leg stiffness"]),
    ("Spasms", "Sudden muscle jerks or cramps, sometimes painful, often at night.",
     ["cramps", "muscle spasms", "jerks"]),
    ("Fatigue", "An overwhelming tiredness that rest does not always fix, different from "
     "ordinary sleepiness.", ["tiredness", "exhaustion", "lassitude"]),
    ("Numbness and tingling", "Pins and needles, buzzing or loss of feeling, often in the "
     "hands, feet or face.", ["pins and needles", "paraesthesia", "tingling", "numbness"]),
    ("Trigeminal neuralgia", "Sudden, severe, electric-shock-like pain in the face, often "
     "set off by touch, chewing or brushing teeth.", ["facial pain", "face pain"]),
    ("Heat sensitivity", "Symptoms that flare up when the body gets warm, from weather, a "
     "bath or exercise, and settle when cool again.", ["uhthoff", "heat intolerance"]),
    ("Bladder", "Needing to go urgently or often, trouble emptying, or leaks.",
     ["urgency", "incontinence", "bladder urgency"]),
    ("Bowel", "Constipation, urgency or accidents, which many people find hard to talk "
     "about.", ["constipation", "bowel urgency"]),
    ("Balance and dizziness", "Feeling unsteady, off-balance or dizzy, including vertigo.",
     ["vertigo", "dizziness", "unsteadiness", "balance"]),
    ("Vision", "Blurred, doubled or dimmed sight, or painful eyes, for example from optic "
     "neuritis.", ["optic neuritis", "blurred vision", "double vision", "eyesight"]),
    ("Cognitive fog", "Trouble with memory, concentration, finding words or thinking "
     "quickly.", ["brain fog", "cog fog", "memory", "concentration"]),
    ("Tremor", "Shaking that you cannot control, in the hands, head or elsewhere.",
     ["shaking", "shaky hands"]),
    ("Sleep", "Trouble falling or staying asleep, often because of pain, spasms or bladder.",
     ["insomnia", "sleeplessness"]),
    ("Mood", "Low mood, anxiety, irritability or emotional ups and downs, which are common "
     "with MS and deserve care too.", ["depression", "anxiety", "low mood"]),
    ("Walking and foot drop", "Difficulty walking, dragging a foot or tripping because the "
     "front of the foot does not lift.", ["foot drop", "drop foot", "walking", "mobility"]),
    ("Pain", "Aches, burning, stabbing or nerve pain anywhere in the body.",
     ["nerve pain", "neuropathic pain", "burning pain", "aches"]),
    ("Weakness", "Muscles that tire quickly or do not have their usual strength.",
     ["muscle weakness"]),
    ("Speech and swallowing", "Slurred or slowed speech, or difficulty swallowing food or "
     "drink.", ["slurred speech", "dysphagia", "swallowing"]),
    ("Relapses", "New symptoms or old ones returning for days or weeks, and recovering "
     "afterwards.", ["flare", "flare-up", "relapse", "attack"]),
    ("Sexual health", "Changes in desire, sensation or function, and how they affect "
     "relationships.", ["intimacy", "sex"]),
    ("Lhermitte's sign", "A brief electric buzz down the spine or limbs when bending the "
     "neck forward.", ["lhermitte", "electric shock down spine", "barber chair"]),
]


def install_curated_symptoms(Symptom, SymptomSynonym, slugify):
    for name, description, synonyms in CURATED_SYMPTOMS:
        symptom, _ = Symptom.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "description": description, "is_curated": True},
        )
        for synonym in synonyms:
            SymptomSynonym.objects.get_or_create(
                slug=slugify(synonym), defaults={"name": synonym, "symptom": symptom}
            )
