"""Demo content written for Kindred. Every name and sentence here is invented for this project."""

MEMBERS = [
    "fernwalker", "quietharbour", "lena_k", "tomasz_rides", "bluebell77", "oakandash",
    "marigold_m", "stillhere_sam", "priya_n", "northbound_jo", "wren_at_dusk", "gentlegiles",
]

STORIES = [
    {
        "kind": "question",
        "title": "Does anyone else get back spasticity first thing in the morning?",
        "body": (
            "Most mornings my lower back feels like a plank of wood for the first hour. "
            "Stretching in bed helps a little, and a hot shower helps more, but by the time "
            "I've loosened up I'm already tired.\n\n"
            "Do any of you deal with this? **What has actually helped you?** I'm seeing my "
            "MS nurse next month and would like to go in with some ideas to ask about."
        ),
    },
    {
        "kind": "story",
        "title": "The first time I felt the MS hug, I thought it was my heart",
        "body": (
            "It started as a tight band just under my ribs, on a Sunday afternoon while I "
            "was folding laundry. I honestly thought I was having a heart attack and went to "
            "A&E. Everything cardiac came back normal, and a very kind registrar asked "
            "whether I had MS.\n\n"
            "Three years on, I know the feeling well. It still frightens me sometimes, but "
            "now I know what it is, I can breathe through it. Writing this for whoever is "
            "sitting in a waiting room right now, scared."
        ),
    },
    {
        "kind": "question",
        "title": "Heat and fatigue: how do you get through summer?",
        "body": (
            "Every July I lose about half my energy. My legs get heavy, my vision blurs when "
            "I'm hot, and I feel guilty cancelling plans again.\n\n"
            "What are your tricks? Cooling vests, cold showers, planning the day around the "
            "shade? I'd love to hear what works in real life."
        ),
    },
    {
        "kind": "story",
        "title": "Learning to pace myself after twenty years of rushing",
        "body": (
            "I used to measure a good day by how much I got done. My occupational therapist "
            "asked me to try the spoon idea: decide each morning what the day can hold, and "
            "stop before I'm empty.\n\n"
            "It felt like giving up at first. Six months later I have fewer crash days, and "
            "I'm kinder to myself on the bad ones. I still rush sometimes. I'm learning."
        ),
    },
    {
        "kind": "question",
        "title": "Numbness in my hands is making typing hard. Any tips?",
        "body": (
            "My fingertips have been numb and tingly for a few weeks and I keep hitting the "
            "wrong keys at work. I've told my neurologist and we're keeping an eye on it.\n\n"
            "Meanwhile, has anyone found keyboards, dictation software or settings that "
            "helped? I'm a bit embarrassed to ask my manager."
        ),
    },
    {
        "kind": "story",
        "title": "Trigeminal neuralgia: the pain nobody could see",
        "body": (
            "For a year, brushing my teeth on the left side felt like an electric shock. "
            "People around me couldn't see anything wrong, so some days I stopped "
            "mentioning it.\n\n"
            "It took a while to find a plan with my doctors that helps. If you are in that "
            "pain right now: it is real, and you deserve to be taken seriously."
        ),
    },
    {
        "kind": "question",
        "title": "Brain fog at work: do you tell your colleagues?",
        "body": (
            "Some afternoons I read the same email four times and still can't hold it in "
            "my head. I haven't told my team about my MS yet.\n\n"
            "If you've told your workplace, how did it go? If you didn't, how do you manage "
            "the foggy days?"
        ),
    },
    {
        "kind": "story",
        "title": "My walking stick and I have made peace",
        "body": (
            "I put off using a stick for two years because I thought it would make me look "
            "ill. Then I fell on the stairs at the station.\n\n"
            "It turns out the stick makes me look like someone who gets where they are "
            "going. I chose a dark green one. Strangers compliment it."
        ),
    },
    {
        "kind": "question",
        "title": "Bladder urgency on long journeys: how do you plan?",
        "body": (
            "We're driving to see family, about five hours. Last time was stressful. "
            "I know the apps that show toilets, but I'd like to hear how others plan "
            "so it doesn't ruin the trip."
        ),
    },
    {
        "kind": "story",
        "title": "Sleep finally came back, slowly",
        "body": (
            "Leg spasms kept waking me three or four times a night. What helped me, "
            "together with my team: a regular wind-down, gentle stretches before bed, and "
            "talking honestly about the spasms at my review instead of playing them down.\n\n"
            "Not every night is good. But most weeks now have more good nights than bad."
        ),
    },
    {
        "kind": "question",
        "title": "Blurred vision when I'm tired: is this common?",
        "body": (
            "By evening, things look slightly doubled or smeared, especially screens. "
            "My optician says my glasses are fine. Does anyone else notice this at the "
            "end of the day?"
        ),
    },
    {
        "kind": "story",
        "title": "Five years since diagnosis: what I would tell my younger self",
        "body": (
            "You will grieve, and that is allowed. You will find people who understand "
            "without explanation. You will learn the names of symptoms you didn't know "
            "existed, and most of them will come and go.\n\n"
            "And you will laugh again, much sooner than you think."
        ),
    },
]

# Comment fragments, combined at random into replies. Written for Kindred.
COMMENT_OPENERS = [
    "Yes, I get this too.",
    "Sending you a gentle hug.",
    "This could be the MS hug in action!",
    "You are definitely not alone in this.",
    "I had almost exactly the same thing last winter.",
    "Thank you for putting this into words.",
    "Oh, that sounds exhausting.",
    "I'm so glad you asked, I've wondered the same.",
    "My MS nurse said something similar to me.",
    "Reading this at 3am and nodding along.",
    "Same here, especially on hot days.",
    "I only recently learned this had a name.",
]
COMMENT_MIDDLES = [
    "A heat pad on my lower back helps me more than anything else.",
    "Gentle stretching before getting out of bed makes the mornings easier for me.",
    "I keep a small diary of bad days, which helped my neurologist see the pattern.",
    "Cooling towels around my neck got me through last summer.",
    "Pacing myself felt like giving in at first, but it works.",
    "Loose clothes around my ribs make the tight band feel less frightening.",
    "My physio showed me a stretch for my calves that I do twice a day now.",
    "Breathing slowly through it reminds me that it passes.",
    "Resting before I'm exhausted, not after, made a real difference.",
    "I told my manager in the end and it went better than I feared.",
    "A shower stool sounded silly to me until I tried one.",
    "Dictation on my phone saves my hands on numb days.",
]
# Generated replies (seed_demo --comments N) answer a comment that offers advice or shares
# an experience, which is what every generated top-level comment does.
REPLIES_TO_ADVICE = [
    "Thank you, I hadn't thought of that. I'll give it a try this week.",
    "That's really helpful. Did it take long before you noticed a difference?",
    "I'm going to ask my MS nurse about this at my next appointment.",
    "Same for me. It's reassuring to know it isn't only me.",
    "I tried something similar and it helped a little. Glad it works for you.",
    "Writing this down so I remember it on a bad day. Thank you.",
]
COMMENT_CLOSERS = [
    "Please ask your team about it though, everyone is different.",
    "Hope tomorrow is kinder to you.",
    "Let us know how you get on.",
    "Take care of yourself today.",
    "",
    "",
]

# Symptom slugs for each story above, in the same order.
STORY_TAGS = [
    ["back-spasticity", "spasms"],
    ["ms-hug", "mood"],
    ["heat-sensitivity", "fatigue", "vision"],
    ["fatigue"],
    ["numbness-and-tingling"],
    ["trigeminal-neuralgia", "pain"],
    ["cognitive-fog", "mood"],
    ["walking-and-foot-drop", "balance-and-dizziness"],
    ["bladder"],
    ["sleep", "spasms", "leg-spasticity"],
    ["vision", "fatigue"],
    ["mood"],
]

# Who follows what in the demo: (handle, symptom slug, level).
DEMO_FOLLOWS = [
    ("demo", "ms-hug", "watching"), ("demo", "fatigue", "following"),
    ("demo", "back-spasticity", "following"), ("fernwalker", "back-spasticity", "watching"),
    ("quietharbour", "ms-hug", "watching"), ("lena_k", "heat-sensitivity", "following"),
    ("bluebell77", "trigeminal-neuralgia", "watching"), ("priya_n", "cognitive-fog", "following"),
    ("oakandash", "bladder", "muted"),
]

# Polls on a few demo stories: (index in STORIES, question, choices).
DEMO_POLLS = [
    (0, "When is your back spasticity at its worst?",
     ["First thing in the morning", "After sitting for a long time", "In the evening",
      "At night in bed", "It doesn't follow a pattern"]),
    (2, "What helps you most in the heat?",
     ["A cooling vest or towel", "Cold drinks and cool water", "Staying in during the hottest "
      "hours", "A fan or air conditioning", "Nothing really helps"]),
    (6, "Have you told your workplace about your MS?",
     ["Yes, everyone", "Only my manager", "Not yet", "I don't work at the moment"]),
]
