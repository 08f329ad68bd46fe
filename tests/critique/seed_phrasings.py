"""The seed articles' approaches, each in phrasings of the team's own (not the corpus's).

The bad approaches must score under 40; the sales lead, the half-message and the
weather report 75 or more (issue 15, point 6). The issue's own four messages are
in ISSUE_MESSAGES, with what a sales trainer would say of each.
"""

from __future__ import annotations

BAD: dict[str, list[str]] = {
    "all about us": [
        "Hi, this is Greg Hall from Summit Print Solutions. We are a full-service print "
        "management company, and we have been serving businesses for over twenty years with "
        "copiers, printers and managed services. Our team is the best in the region. You can "
        "reach me at 704-555-0101.",
        "Hello, my name is Dana Fox and I'm with Brightline Payroll. We provide payroll, HR "
        "and benefits software to companies of every size, and our clients love our service. "
        "I'd like to tell you more about what we do. My number is 704-555-0102.",
        "Hi, it's Paul from Redwood Insurance. We're one of the largest independent agencies "
        "in the state, we offer home, auto and business cover, and we've won awards for our "
        "service three years running. Call me back at 704-555-0103.",
        "This is Mia with Apex Staffing. Our company specializes in temporary and permanent "
        "placements, and our recruiters have years of experience in your industry. We'd love "
        "to be your staffing partner. Reach me at 704-555-0104.",
        "Good morning, this is Sam Reed calling from CloudCore IT. We offer managed IT, "
        "cyber security and cloud backup, and our technicians are certified on every major "
        "platform. Give me a call at 704-555-0105 to learn more about our services.",
    ],
    "bare call me": [
        "This is Tom Vance; please give me a call at 704-555-0106.",
        "Hi, it's Rachel. Call me back when you get a chance, 704-555-0107.",
        "Hey, Mark here from Lakeside. Give me a ring at 704-555-0108.",
        "Hello, this is Kevin. You can reach me at 704-555-0109. Thanks.",
        "Hi, Jenna calling. My number is 704-555-0110, talk soon.",
    ],
    "savings pitch": [
        "Hi, this is Lou from PowerSave Energy. We can save you money on your electricity "
        "bill, up to 30% off what you pay today. Call me at 704-555-0111.",
        "Hello, it's Beth with ClearLine Telecom. Our rates are cheaper than your current "
        "provider and I'd like to show you the savings. My number is 704-555-0112.",
        "Hi, this is Rick from Budget Freight. We'll beat your current carrier's price on "
        "every shipment. Give me a call at 704-555-0113.",
        "Hi, it's Anna at PrintWise. We can cut your printing costs in half with our new "
        "lease plans. Call me back at 704-555-0114.",
        "Hello, this is Dave from SureCover. I can get you better rates on your business "
        "insurance and save you thousands. Reach me at 704-555-0115.",
    ],
    "meeting ask": [
        "Hi, this is Carla from Vista Software. I'd like to set up a meeting at your "
        "convenience to show you our platform. Call me at 704-555-0116.",
        "Hello, it's Brian with Northstar Consulting. Do you have fifteen minutes next week "
        "for a quick call? My number is 704-555-0117.",
        "Hi, this is Eva from Greenleaf Supplies. I'll be in your area Thursday and would "
        "love to stop by and introduce myself. Give me a call at 704-555-0118.",
        "Hi, it's Nick at DataPoint. I'd like to schedule a demo of our analytics tool; "
        "when would be a good time to meet? Call me back at 704-555-0119.",
        "Hello, this is Amy from Bright Path. Could we find a time to sit down and talk about "
        "your needs? You can reach me at 704-555-0120.",
    ],
    "just checking in": [
        "Hi, it's Scott from Acme. Just checking in to see if you got my email. Call me at "
        "704-555-0121.",
        "Hello, this is Tina. I'm following up on the proposal I sent last week; give me a "
        "call at 704-555-0122.",
        "Hi, Joe here from Delta Supply. I wanted to touch base and see where things stand. "
        "My number is 704-555-0123.",
        "Hi, this is Lisa. Circling back on my last message. Call me when you can, 704-555-0124.",
        "Hello, it's Pete again. Did you get a chance to look at our quote? Reach me at "
        "704-555-0125.",
    ],
}

GOOD: dict[str, list[str]] = {
    "sales lead": [
        "Hi Nora, this is Sam, 704-555-0126. A customer of mine who runs two daycares needs a "
        "new insurance agent before her renewal in May, and I gave her your name. Call me at "
        "704-555-0126 and I'll give you her number.",
        "Hello Victor, it's Jo at 704-555-0127. I was talking to a restaurant owner yesterday "
        "who is looking for a caterer for forty staff lunches a month. Call me at "
        "704-555-0127 and I'll pass along his details.",
        "Hi Grace, Ben here, 704-555-0128. I have a referral for you: a dental practice on Oak "
        "Street is shopping for new signs this spring. Call me back at 704-555-0128 and I'll "
        "put you in touch.",
        "Hi Omar, it's Kate, 704-555-0129. A builder I know is ready to order cabinets for "
        "twelve new homes and asked me who does the best work. Call me at 704-555-0129 and "
        "I'll introduce you.",
        "Hi Priya, this is Dan, 704-555-0130. My neighbour's law firm is moving offices next "
        "month and still needs movers; I told them about your crew. Call me at 704-555-0130 "
        "and I'll give you their number.",
    ],
    "half message": [
        "Hi Rita, it's Kim, 704-555-0131, two of your regulars told me why they stopped "
        "coming in, and it's because of the",
        "Hi Lou, this is Sam at 704-555-0132. I found out what your biggest competitor is "
        "planning for the spring, and it's —",
        "Hi Ana, it's Jo, 704-555-0133, I was at your competitor's open house yesterday and "
        "they said...",
        "Hi Ben, Dee here, 704-555-0134. There are three ways to fill your empty Tuesday "
        "slots, and the first one is",
        "Hi Tara, it's Will, 704-555-0135, I have the name of the buyer who asked about your --",
    ],
    "weather report": [
        "Hi Sam, this is Kim, 704-555-0136, with today's weather report: cloudy and gloomy "
        "over here, but it could turn sunny if you call me back. Again, 704-555-0136.",
        "Hi Lee, it's Jo at 704-555-0137. I'm calling with the weather: a storm of paperwork "
        "on my desk, clearing the moment you call. That's 704-555-0137.",
        "Hello Maria, Ben here, 704-555-0138, with your weather update: grey skies in my "
        "office today, with a chance of sunshine when you return this call. 704-555-0138.",
        "Hi Tom, it's Ana, 704-555-0139. Here's the forecast: foggy this morning, bright by "
        "noon if you give me a call. Once more, 704-555-0139.",
        "Hi Rosa, Dan here at 704-555-0140 with the weather report: rain at my end, but your "
        "call back would bring out the sun. Again, 704-555-0140.",
    ],
}

#: The issue's four messages, and the side of the line a trainer would put each on.
ISSUE_MESSAGES: list[tuple[str, str]] = [
    (
        "Hi Raj, it's Ellen, 555-0163. A contractor I work with, Luis Ortega, needs six delivery "
        "vans by March and asked me who I'd trust. Call me at 555-0163 and I'll connect you.",
        "lead",
    ),
    ("Hi Karen, it's Joe. Give me a ring when you get a sec...", "bare"),
    ("Hi Lisa, Joe here, 555-0199, about the invoice your competitor sent to", "cut-off"),
    (
        "Hi Mei, it's Joe at 555-0199. Your Yelp reviews mention wait times four times this "
        "month; two clinics nearby fixed that with one change at the front desk. I'll send you "
        "what they did. Again, 555-0199.",
        "insight",
    ),
]

#: More of each class of the issue's table, in the team's own words.
OWN_CASES: list[tuple[str, str]] = [
    (
        "Hi Dev, it's Pam, 704-555-0141. Your online menu still lists last year's prices, and "
        "three of your reviews this week complained about it. I'll send you the two fixes "
        "other cafes used. Again, 704-555-0141.",
        "insight",
    ),
    (
        "Hi Wes, Mo here at 704-555-0142. Three of the dealerships on your strip started "
        "Saturday service this spring and their bookings rose by a third. I'll tell you how "
        "they staffed it. That's 704-555-0142.",
        "insight",
    ),
    (
        "Hi Lena, it's Mark, 704-555-0143. A family-owned winery I work with needs help with "
        "its payroll and asked me who I'd recommend. Call me at 704-555-0143 and I'll connect "
        "you.",
        "lead",
    ),
    ("Hey Tom, it's Jen. Call me back when you can...", "bare"),
    ("Hi Ann, it's Bo, give me a shout when you have a minute —", "bare"),
    ("Hi Sid, it's Tess, 704-555-0144, about the review your biggest customer left on", "cut-off"),
    (
        "Hi Uma, Vic here, 704-555-0145, one of your suppliers is about to raise your prices "
        "because",
        "cut-off",
    ),
]
