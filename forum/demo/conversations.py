"""Demo conversations, one per demo story (same order as content.STORIES). Every sentence is
invented for Kindred. Each reply is written for the comment it sits under.

A comment is `(who, text, [replies])`: who is "op" for the story's author, or None for
another member (picked by the seed). Some questions get no answer at all, as in life.
"""

OP = "op"


def c(text, *replies, who=None):
    return (who, text, list(replies))


def op(text, *replies):
    return c(text, *replies, who=OP)


CONVERSATIONS = [
    # 0. Back spasticity first thing in the morning (question, with a poll).
    [
        c("Every single morning. I've started doing knee rolls before I even sit up: lying on "
          "my back, knees bent, letting them fall slowly from side to side. Ten each way.",
          op("Knee rolls before sitting up, I like that. Do you do them fast or slow?",
             c("Slow. If I rush them my back grabs and then it's worse for an hour.")),
          c("My physio gave me the same one! I add a pillow under my head so my neck "
            "doesn't join in.")),
        c("A hot water bottle that I fill the night before and keep in a wool cover. It's "
          "still warm enough at 6am to put behind my lower back while I drink my tea.",
          c("Such a simple idea. I never thought of filling it the night before.")),
        c("Write down the times it's worst for a week before you see your nurse. Mine "
          "changed my timings for my medication once she saw it was always the first hour.",
          op("That's really useful, thank you. I'll start a note on my phone tonight."),
          c("Seconding this. A diary turned 'it's bad sometimes' into something my team "
            "could actually work with.")),
        c("Mine is worse after a bad night's sleep. On good nights I barely notice it. "
          "Is yours the same every day?",
          op("Now you say it, the worst mornings do follow the nights I'm up a lot. "
             "I hadn't connected them.",
             c("It took me years to spot it. Sleep and spasticity feed each other for me."))),
        c("No tips, just solidarity. Mornings are the hardest part of my day too."),
    ],
    # 1. The MS hug and the heart (story).
    [
        c("I went to A&E too, the first time. I was sure it was my heart. Thank you for "
          "writing this, I wish I'd read it back then.",
          op("I'm sorry you went through that scare as well. It's strange how relieved "
             "you can feel to hear 'it's your MS'.")),
        c("For me it feels like a corset being laced tighter and tighter. Loose clothes and "
          "slow breathing are what get me through. And a warm bath if I can.",
          c("The corset is exactly it. I've stopped wearing anything with a waistband on "
            "bad days.")),
        c("Important for anyone reading: if chest pain is new or different, please still get "
          "it checked. The hug is common, but so are other things.",
          op("Yes, absolutely. I'd rather be checked and told it's the hug than guess.")),
        c("Mine comes with the heat. A hot bus in August and there it is."),
    ],
    # 2. Heat and fatigue in summer (question, with a poll, a long thread).
    [
        c("Cooling vest, honestly. It looks like something from a film but it has given me "
          "back summer afternoons.",
          c("Which kind do you use? The ones with ice packs or the ones you soak in water?",
            c("The soak-in-water kind. Ice packs were too cold against my skin and I "
              "couldn't feel when they were too much.",
              c("That's a really good point about not feeling the cold properly. I hadn't "
                "thought of that."))),
          op("I've been too embarrassed to wear one. Maybe this is the year.",
             c("Nobody looks twice, I promise. And if they do, they'll think you're sporty."))),
        c("I plan my day backwards from the hottest hours. Shopping at 8am, rest from 1 to 4, "
          "see people in the evening when it's cooler.",
          op("Backwards planning, I like that phrase. I always do it the other way round and "
             "run out of energy by lunch.")),
        c("Cold feet = cool me. A washing-up bowl of cool water under my desk. My colleagues "
          "laughed until the heatwave, then two of them copied me."),
        c("Cold drinks with ice through the day, small sips. And a spray bottle of water in "
          "the fridge for my face and wrists.",
          c("The spray bottle in the fridge is genius.")),
        c("Please don't feel guilty for cancelling. Anyone who's worth it will understand. "
          "I started suggesting evening plans or indoor places with air conditioning instead.",
          op("Thank you. I needed to hear that more than the tips, if I'm honest.",
             c("We all need to hear it sometimes. You're not letting anyone down."))),
        c("Does anyone else's vision go blurry when they're hot? It frightened me the first "
          "time.",
          c("Yes! My nurse said it has a name, Uhthoff's phenomenon, and that it settles as "
            "you cool down. It does for me, within half an hour or so."),
          c("Same. I keep sunglasses and a cold drink in the car for that reason.")),
        c("Fan by the bed, and I sleep with a damp cotton sheet on the worst nights."),
        c("We moved our holiday from August to May. Best decision we made.",
          c("We did the same! Cheaper too, and the beaches are quiet.")),
        c("A question for everyone: does the tiredness stay after you've cooled down? Mine "
          "hangs around for the whole next day.",
          c("Yes, the heat hangover. I plan an easy day after any hot one now."),
          op("Heat hangover is the perfect name for it. Mine lasts a day too."),
          c("For me it's gone once I've cooled down and had a nap. Everyone's different, "
            "I think.")),
        c("Swimming in a cool pool is the one exercise I can still do in summer. The water "
          "holds me up and keeps me cool at the same time.",
          c("I've been nervous about pools since my balance got worse. Do you use the "
            "steps or a hoist?",
            c("The steps, slowly, with the rail. Many pools have a hoist if you ask. The "
              "staff at mine were lovely about it."))),
    ],
    # 3. Learning to pace (story).
    [
        c("'Stop before I'm empty' is going on a sticky note on my fridge.",
          op("I have the same note on mine. I still ignore it some days!")),
        c("The guilt is the hardest part for me. Resting feels lazy even though I know it isn't.",
          c("Someone told me to think of rest as part of the plan, not a break from it. It "
            "helped a bit."),
          op("It took me a long time to stop feeling that. It still sneaks back.")),
        c("My OT had me rate each task from 1 to 5 for effort. Seeing the numbers made it "
          "easier to say no to the 5s on a bad day."),
    ],
    # 4. Numb hands and typing (question).
    [
        c("Dictation has saved my job. I write most emails by talking now and then tidy "
          "them with the keyboard.",
          op("Does it cope with your accent? Mine is quite strong.",
             c("It learned. The first week was funny, now it's right most of the time."))),
        c("Ask for a workplace assessment. Mine got me a keyboard with bigger keys and a "
          "vertical mouse, and I didn't have to say more than I wanted to."),
    ],
    # 5. Trigeminal neuralgia (story).
    [
        c("Thank you for saying it's real. People look at my face and see nothing and I start "
          "to doubt myself.",
          op("You don't need to doubt yourself. Pain that nobody can see is still pain.")),
        c("Lukewarm water for brushing and a straw for drinks helped me through the worst "
          "months. Sending strength."),
    ],
    # 6. Brain fog at work (question, with a poll).
    [
        c("I told my manager last year. I didn't say much, just that I have a condition that "
          "sometimes affects my concentration in the afternoon. We moved my meetings to "
          "mornings.",
          op("That sounds like a good way of telling without telling everything. How did "
             "they react?",
             c("Better than I expected. She said she'd rather know than guess."))),
        c("I didn't tell anyone for three years. Lists saved me: everything goes in writing, "
          "even things I'm sure I'll remember.",
          c("Writing everything down is my life too. My notebook is my second brain.")),
        c("When I read the same email four times I get up, get a glass of water and read it "
          "again standing up. Silly, but it resets something.",
          op("Not silly at all. I'll try it tomorrow.")),
        c("Your employer may have to make reasonable adjustments, depending on where you live. "
          "Worth looking up before you decide, so you know where you stand."),
        c("Honestly, I told them and regretted it. It's not always a happy story. But I'm "
          "glad I know where I stand now.",
          c("I'm sorry it went that way. Thank you for being honest about it, it matters "
            "that people hear both.")),
    ],
    # 7. The walking stick (story).
    [
        c("A dark green stick sounds beautiful. Mine is purple with little flowers.",
          op("Purple with flowers! Now I want a second one.")),
        c("The station stairs got me too. I wish I'd started sooner, my confidence came back "
          "once I stopped worrying about falling."),
        c("This made me smile. I've been putting it off for the same reason. Maybe it's time."),
    ],
    # 8. Bladder urgency on long journeys (question).
    [
        c("I plan stops every 90 minutes whether I need them or not, and tell everyone in the "
          "car at the start so nobody sighs.",
          op("Telling everyone at the start is a good idea. The sighing is half the stress.")),
        c("Ask your continence nurse about the disability toilet key scheme if there's one "
          "where you live. It made long days out much less worrying for me."),
    ],
    # 9. Sleep came back slowly (story).
    [
        c("'More good nights than bad' is a lovely place to be. Hoping to get there too."),
    ],
    # 10. Blurred vision when tired (question): nobody has answered yet.
    [],
    # 11. Five years since diagnosis (story).
    [
        c("I'm six months in and this made me cry, in a good way.",
          op("Six months is so early. Be gentle with yourself. It does get more familiar.",
             c("Thank you. I'm going to come back and read this again on a bad day."))),
        c("'Most of them will come and go'. I wish someone had told me that in the first year."),
        c("Twelve years for me. All true, especially the laughing.",
          op("Twelve years! That's so good to hear from someone further along.")),
    ],
]
