"""The team's own phrasings for each detector: what it must recognise, and near misses.

Written here, for the rules and their tests; none is taken from the coaching corpus
(data/coaching/), and none counts in its evaluation. Each detector has at least ten of
each, varied in wording, trade and order.
"""

from __future__ import annotations

DETECTORS: dict[str, tuple[list[str], list[str]]] = {
    "offer.lead": (
        [
            "Hi Raj, it's Ellen, 555-0163. A contractor I work with, Luis Ortega, needs six "
            "delivery vans by March and asked me who I'd trust. Call me at 555-0163 and I'll "
            "connect you.",
            "Priya, it's Tom at 704-555-0101. One of my customers is opening a second bakery and "
            "is looking for a commercial lease in your part of town. Call me and I'll pass along "
            "her details.",
            "Hi Marco, Dana here. I sat next to a hotel manager at a dinner last night who wants "
            "to redo forty rooms this spring, and I told him about your crew. He's expecting your "
            "call; ring me at 704-555-0100 and I'll give you his name.",
            "Hello Ann, this is Lee, 704-555-0102. A friend of mine runs a daycare and needs a "
            "new bookkeeper before tax season. Call me and I'll send you her contact details.",
            "Hi Sam, it's Kira. I have a referral for you: a dentist on Fifth Street is shopping "
            "for a new sign. Call me back at 704-555-0103 and I'll put you in touch.",
            "Jen, Paul here at 704-555-0104. Someone at my gym asked if I knew a good wedding "
            "photographer, and I thought of you. Want the introduction? Call me.",
            "Hi Omar, this is Beth, 704-555-0105. A buyer I met at the trade show is ready to "
            "order two hundred chairs. I'll give you his number when you call.",
            "Hi Grace, it's Nate, 704-555-0106. My neighbour's law firm is moving offices next "
            "month and they still don't have movers. I told them you'd call; phone me for the "
            "details.",
            "Carlos, it's Amy, 704-555-0107. I was chatting with the owner of a new gym who is "
            "looking for a cleaning company for three locations. He sounded ready to sign.",
            "Hi Lena, Mark here, 704-555-0108. I've got a potential client for you: a "
            "family-owned winery that needs help with its payroll. Call me and I'll tell you who "
            "to ask for.",
            "Hi Beth, it's Joe, 704-555-0109. I was talking to someone yesterday about your "
            "catering; she wants a quote for a retirement party. Call me and I'll give you her "
            "number.",
        ],
        [
            "Hi, this is Mark from Acme. We help companies like yours find new clients. Call me "
            "at 704-555-0110.",
            "Hi Lena, our clients are looking for better payroll software, and we built it. Call "
            "me at 704-555-0111.",
            "Hi Tom, I'd like to introduce you to our new product line. Call 704-555-0112.",
            "Hello, this is Sue. I'm looking for a partner to help grow our business. My number "
            "is 704-555-0113.",
            "Hi Ana, we generate leads for accounting firms like yours. Give me a call at "
            "704-555-0114.",
            "Hi Chris, I wanted to connect with you about our referral program. Call me at "
            "704-555-0116.",
            "Hi Dana, a lot of my customers need help with their websites, and that's what I do. "
            "Call 704-555-0117.",
            "Hello, this is Ray with Summit Staffing; we're interested in learning more about "
            "your hiring needs. 704-555-0118.",
            "Hi Nina, I'll give you a call next week to see if you're interested. 704-555-0119.",
            "Hi Joe, someone from my team will reach out to schedule a demo. 704-555-0120.",
            "Hi Pat, I was talking to my manager about your account and we'd love to earn your "
            "business. 704-555-0121.",
        ],
    ),
    "offer.insight": (
        [
            "Hi Mei, it's Joe at 555-0199. Your Yelp reviews mention wait times four times this "
            "month; two clinics nearby fixed that with one change at the front desk. I'll send "
            "you what they did. Again, 555-0199.",
            "Hi Greg, Tina here, 704-555-0130. Your online menu still lists last year's prices, "
            "and three of your reviews this week complained about it.",
            "Hi Sara, 704-555-0131, it's Ben. Two of the dealerships on your strip started "
            "offering Saturday service this spring and their bookings rose by a third.",
            "Hello Ken, Ana at 704-555-0132. Your site takes nine seconds to load on a phone; "
            "most of your visitors leave after three.",
            "Hi Liz, it's Mo, 704-555-0133. I counted eleven job ads from your company for "
            "drivers since January, and the pay you list is below the two firms next door.",
            "Hi Ray, Jo here at 704-555-0134. Your competitor on Main Street cut their delivery "
            "time to one day last month, and they're advertising it to your customers.",
            "Hi Tara, it's Will, 704-555-0135. The county approved four hundred new homes two "
            "miles from your store; the first families move in this fall.",
            "Hi Dev, this is Sue, 704-555-0136. Half of the five-star reviews for clinics in "
            "your area mention same-day appointments.",
            "Hi Nadia, Rob here, 704-555-0137. Your Google listing shows you closed on Sundays, "
            "but your website says you're open, and customers are noticing.",
            "Hi Alan, 704-555-0138, it's Kim. Shops like yours in this county lost about 12% of "
            "walk-in trade after the road works started; one of them won it back with a sign.",
            "Hi Wes, it's Pam, 704-555-0139. Three of your competitors raised their prices in "
            "June; you didn't, and that's a story worth telling.",
        ],
        [
            "Hi, this is Pam from WebPro. We build fast websites for businesses. Call me at "
            "704-555-0140.",
            "Hi Wes, I noticed you're a business owner, and I'd love to tell you about our "
            "services. 704-555-0141.",
            "Hi Dev, we have helped over 500 clinics improve their reviews. Call me at "
            "704-555-0142.",
            "Hi Tara, I hope your week is going well. Give me a call at 704-555-0143.",
            "Hello, this is Joe. We are the number one provider of fleet tracking in the state. "
            "704-555-0144.",
            "Hi Nadia, our software is used by 3,000 companies and it cuts costs by 20%. Call "
            "704-555-0145.",
            "Hi Ken, I came across your company and wanted to introduce myself. 704-555-0146.",
            "Hi Alan, we've been in business for 25 years and our customers love us. 704-555-0147.",
            "Hi Greg, I was looking at your website and I think we could help you. 704-555-0148.",
            "Hi Sara, the weather has been lovely this week, hasn't it? Call me at 704-555-0149.",
        ],
    ),
    "offer.resource": (
        [
            "Hi Maria, it's Sam, 704-555-0150. I put together a one-page checklist for getting a "
            "kitchen through a health inspection; I'll email it to you today.",
            "Hi Joe, Kim here, 704-555-0151. I have two ideas for filling your Tuesday tables, "
            "and neither costs a thing. I'll send them over.",
            "Hi Ada, 704-555-0152, it's Ron. I wrote down the five questions insurers ask before "
            "they renew a fleet policy; I'll drop a copy in the mail.",
            "Hello Tim, Lou at 704-555-0153. There's a state grant for training new hires that "
            "most shops never apply for. I'll forward you the link.",
            "Hi Rosa, it's Ian, 704-555-0154. I recorded a three-minute video on cutting "
            "no-shows with one text message. I'll text it to you.",
            "Hi Eve, this is Max, 704-555-0155. Here's a quick tip: ask patients to book their "
            "next cleaning before they leave the chair.",
            "Hi Cole, Meg here, 704-555-0156. I found a study on why seasonal workers come back "
            "to some farms and not others; I'll email you a copy.",
            "Hi Ivy, 704-555-0157, it's Dan. There are four ways to shorten the time your trucks "
            "sit at the loading dock.",
            "Hi Noah, it's Bea, 704-555-0158. I'll send you a short list of the local events "
            "where your kind of buyer shows up every spring.",
            "Hi Luke, Zoe here, 704-555-0159. I've got a template for collecting late invoices "
            "politely that landscapers swear by; happy to share it.",
            "Hi Mia, it's Al, 704-555-0160. I have one idea about keeping your best stylists "
            "through the summer.",
        ],
        [
            "Hi Maria, I'll send you our brochure and price list. Call me at 704-555-0161.",
            "Hi Joe, please send me your current rates so I can beat them. 704-555-0162.",
            "Hi Ada, I'd love to show you our platform. Call 704-555-0163.",
            "Hi Tim, I'll email you to set up a meeting next week. 704-555-0164.",
            "Hi Rosa, did you get the information I sent last week? Call me at 704-555-0165.",
            "Hi Eve, we offer many ways to save on energy. 704-555-0166.",
            "Hi Cole, I'll call you back tomorrow. 704-555-0167.",
            "Hi Ivy, I have some information about our services that I'd like to share. "
            "704-555-0168.",
            "Hi Noah, I'll send over a proposal once we talk. 704-555-0169.",
            "Hi Luke, there are a lot of reasons to choose us. Call me at 704-555-0170.",
        ],
    ),
    "offer.question": (
        [
            "Hi Lou, it's Kim, 704-555-0191. How are you handling the overtime rules that start "
            "in July? I'll call you Thursday with what two other plants did.",
            "Hi Meg, Sal here, 704-555-0192. Do you know why three of your regulars stopped "
            "coming on Fridays? I'll call you with the answer.",
            "Hi Ned, 704-555-0193, it's Ivy. Quick question: are your drivers still doing paper "
            "logs, or did you switch to tablets?",
            "Hi Ola, this is Pete at 704-555-0194. What would it mean for your shop if every "
            "technician billed one more hour a week?",
            "Hi Quin, Rae here, 704-555-0195. When your busiest nurse retires next year, who "
            "takes over her patients?",
            "Hi Sid, it's Tess, 704-555-0196. Have you noticed more returns since the new "
            "packaging went out?",
            "Hi Uma, Vic at 704-555-0197. Is your waiting list for the fall term longer or "
            "shorter than last year?",
            "Hi Walt, 704-555-0198, Xena here. Which of your three locations has the highest "
            "staff turnover, and do you know why?",
            "Hi Yara, it's Zed, 704-555-0199. Why do you think your online orders dip every "
            "second week of the month?",
            "Hi Abe, Bo here, 704-555-0100. How many of your customers would pay extra for "
            "delivery before nine? I have a guess.",
        ],
        [
            "Hi Lou, could you give me a call back at 704-555-0101?",
            "Hi Meg, do you have fifteen minutes next week for a quick chat? 704-555-0102.",
            "Hi Ned, would you be interested in hearing about our new service? 704-555-0103.",
            "Hi Ola, did you get a chance to look at my proposal? 704-555-0104.",
            "Hi Quin, are you available on Tuesday afternoon? 704-555-0105.",
            "Hi Sid, how are you? This is Tess from Acme, 704-555-0106.",
            "Hi Uma, can we set up a time to talk? 704-555-0107.",
            "Hi Vic, is this still the best number to reach you? 704-555-0108.",
            "Hi Walt, who is the right person to talk to about your copiers? 704-555-0109.",
            "Hi Yara, wouldn't you like to save money on your phone bill? 704-555-0110.",
            "Hi Abe, did you receive my email from last week? 704-555-0111.",
        ],
    ),
    "offer.trigger": (
        [
            "Hi Bea, it's Cal, 704-555-0112. Congratulations on opening the Elm Street shop; "
            "second locations usually hit a staffing wall in month three.",
            "Hi Dom, 704-555-0113, Ella here. I saw in the Business Journal that you're adding "
            "a night shift.",
            "Hi Fay, it's Gil, 704-555-0114. I read that your firm just won the county contract.",
            "Hi Hank, Iris here, 704-555-0115. I noticed you're hiring four estimators at once, "
            "which usually means a big year.",
            "Hi Jill, it's Kurt, 704-555-0116. Saw the news about your merger with Baxter Foods "
            "this morning.",
            "Hi Lana, 704-555-0117, Moe here. Your new menu launched last week, and people are "
            "talking about the brunch.",
            "Hi Nick, it's Opal, 704-555-0118. I heard you just moved your warehouse to the east "
            "side.",
            "Hi Pia, Quentin here, 704-555-0119. Congrats on the new role as head of operations.",
            "Hi Rex, it's Sia, 704-555-0120. I caught your talk at the growers' conference on "
            "water costs.",
            "Hi Ty, Una here, 704-555-0121. With the new minimum wage law starting in January, "
            "your payroll changes on the first.",
            # Their plans or dates, in their terms, with a number or a date.
            "Hi Val, it's Wyn, 704-555-0670. You're hiring three SDRs this quarter, and the "
            "first ninety days decide whether they stay.",
            "Hi Xu, 704-555-0671. Your renewal is up in May, and two carriers changed their "
            "fleet terms since you signed.",
            "Hi Yves, it's Zia, 704-555-0672. Your lease ends in June; buildings your size on "
            "the east side are going fast.",
            "Hi Abby, 704-555-0673. You're opening the Dayton store in the spring, so your "
            "permits need filing by March.",
        ],
        [
            "Hi Bea, I just started at Acme as your new account manager. 704-555-0122.",
            "Hi Dom, we just launched a new product you'll love. 704-555-0123.",
            "Hi Fay, our company recently expanded into your area. 704-555-0124.",
            "Hi Hank, I saw your number on your website. 704-555-0125.",
            "Hi Jill, I'm new to this territory and wanted to introduce myself. 704-555-0126.",
            "Hi Lana, we just opened an office near you. 704-555-0127.",
            "Hi Nick, I hope you had a nice weekend. 704-555-0128.",
            "Hi Pia, we recently won an award for customer service. 704-555-0129.",
            "Hi Rex, I noticed you're a member of the chamber, and so are we. 704-555-0130.",
            "Hi Ty, our prices go up in January, so now is the time to buy. 704-555-0131.",
            "Hi Val, we help companies like yours hire better salespeople. 704-555-0674.",
            "Hi Xu, you're probably busy, so I'll keep it short. 704-555-0675.",
            "Hi Yves, our lease program ends in June. 704-555-0676.",
            "Hi Abby, could we find a time to talk about your needs? 704-555-0677.",
        ],
    ),
    "offer.follow-up": (
        [
            "Hi Ann, it's Bo, 704-555-0132. You asked me at the fair for the list of grants for "
            "farm equipment; I have it.",
            "Hi Cat, Dee here, 704-555-0133. As promised on Tuesday, I checked the lead times "
            "for the steel you need: three weeks, not six.",
            "Hi Eli, 704-555-0134, it's Fran. When we spoke last month you said your biggest "
            "headache was no-shows.",
            "Hi Gail, it's Hugh, 704-555-0135. You mentioned your lease is up in March, so I "
            "pulled the buildings that fit your size.",
            "Hi Ike, Jan here, 704-555-0136. I have the numbers you requested on the cold "
            "storage units.",
            "Hi Kay, it's Len, 704-555-0137. Following up on your question about the overtime "
            "rule: yes, it applies to your drivers.",
            "Hi Mae, 704-555-0138, Ned here. We agreed I'd call this week with the sample "
            "schedule for your clinic.",
            "Hi Oz, it's Peg, 704-555-0139. At the expo you wanted to know how other bakeries "
            "handle wholesale orders; I asked around.",
            "Hi Roy, Sal here, 704-555-0140. Your assistant asked me to send the insurance "
            "comparison before Friday, and it's ready.",
            "Hi Tia, it's Ugo, 704-555-0141. You told me last week that hiring cooks was your "
            "biggest worry.",
            # A call or meeting that was set and missed.
            "Hi Vic, it's Wen, 704-555-0600. We were supposed to talk at four; I'll try you "
            "again at five.",
            "Hi Xena, Yuri here. I'm at my desk for our ten o'clock, on 704-555-0601.",
            "Hi Zoe, it's Abe, 704-555-0602. Sorry we missed each other for our 2:30 call.",
            "Hi Bram, 704-555-0603, Cleo here. We had a call booked for this morning and I "
            "think the invite went to your old address.",
            # Something they requested or received, and may be reviewing.
            "Hi Dina, it's Eli, 704-555-0604. How are the fabric samples working out in your "
            "showroom?",
            "Hi Fritz, 704-555-0605. As you review the proposal, look at page three: the "
            "freight is already in the price.",
            "Hi Gia, it's Hal, 704-555-0606. The quote you asked for is ready, and it's lower "
            "than you feared.",
            # A form, a booking, an event where you met, a question they asked.
            "Hi Ivo, Jade here, 704-555-0607. Thanks for filling out the form on the county "
            "site about solar panels for your barn.",
            "Hi Kemal, 704-555-0608. You booked a demo for Thursday; here's one thing to have "
            "ready.",
            "Hi Lulu, it's Mack, 704-555-0609. Great meeting you at the home show on Saturday; "
            "you wanted the kitchen plans.",
            "Hi Nils, 704-555-0610, Ona here. You stopped by our booth at the expo and asked "
            "about cold storage for your bakery.",
            "Hi Pru, it's Rey, 704-555-0611. The question you asked last time about winter "
            "tires for your vans has an answer.",
        ],
        [
            "Hi Ann, just following up on my email from last week. 704-555-0142.",
            "Hi Cat, I wanted to follow up on the proposal I sent. 704-555-0143.",
            "Hi Eli, I'm following up to see if you had a chance to review our pricing. "
            "704-555-0144.",
            "Hi Gail, as I mentioned in my email, we offer the best rates. 704-555-0145.",
            "Hi Ike, I promised myself I'd call you this week. 704-555-0146.",
            "Hi Kay, I'm calling back about the voicemail I left on Monday. 704-555-0147.",
            "Hi Mae, it's Ned again, still hoping to hear back from you. 704-555-0148.",
            "Hi Oz, I sent you some information last week about our services. 704-555-0149.",
            "Hi Roy, as discussed in my last message, our products can help. 704-555-0150.",
            "Hi Tia, I'd like to follow up with you about a new opportunity. 704-555-0151.",
            "Hi Vic, just checking in to see if you got my email. 704-555-0612.",
            "Hi Xena, I wanted to see whether you received the brochure I mailed. 704-555-0613.",
            "Hi Zoe, we help companies like yours and I'd like to set up a call. 704-555-0614.",
            "Hi Bram, I called our four offices this morning about your account. 704-555-0615.",
            "Hi Dina, we've been serving our 200 clients for years. 704-555-0616.",
        ],
    ),
    "offer.mutual-contact": (
        [
            "Hi Ava, it's Ben, 704-555-0152. Carla Diaz suggested I call you about the "
            "warehouse rezoning.",
            "Hi Cy, 704-555-0153, Dot here. Your brother-in-law Ed told me you're the one to ask "
            "about food trucks.",
            "Hi Em, it's Finn, 704-555-0154. We both know Gwen from the rotary club; she thought "
            "we should talk about your hiring.",
            "Hi Hal, Ida here, 704-555-0155. Jack Moore at First Bank gave me your name.",
            "Hi Ina, it's Joe, 704-555-0156. A mutual friend, Kate Lin, mentioned you're opening "
            "a second studio.",
            "Hi Kit, 704-555-0157, it's Lou. Your accountant, Mia Chen, recommended I get in "
            "touch.",
            "Hi Max, it's Nell, 704-555-0158. Omar from your running club said you'd want to "
            "hear this.",
            "Hi Pat, Quinn here, 704-555-0159. I was referred to you by Rita at the chamber of "
            "commerce.",
            "Hi Sam, it's Tom, 704-555-0160. Una Park asked me to give you a call about the "
            "parking on your block.",
            "Hi Val, 704-555-0161, Walt here. Your neighbour at the garden centre, Xavi, passed "
            "along your number.",
        ],
        [
            "Hi Ava, my manager asked me to call you. 704-555-0162.",
            "Hi Cy, I found your name on LinkedIn. 704-555-0163.",
            "Hi Em, I got your number from a list of local businesses. 704-555-0164.",
            "Hi Hal, our marketing team recommended I reach out to companies in your area. "
            "704-555-0165.",
            "Hi Ina, He said you might be busy, so I'll keep it short. 704-555-0166.",
            "Hi Kit, I was told you're the person in charge of purchasing. 704-555-0167.",
            "Hi Max, we work with many businesses near you. 704-555-0168.",
            "Hi Pat, I saw you on our list of prospects. 704-555-0169.",
            "Hi Sam, your receptionist said you'd be back at three. 704-555-0170.",
            "Hi Val, I suggested to my team that we call you. 704-555-0171.",
        ],
    ),
    "callback.bare-call-me": (
        [
            "Hi Karen, it's Joe. Give me a ring when you get a sec...",
            "This is Dan Ford, please call me back at 704-555-0172.",
            "Hi Lee, it's Amy from Brightline, 704-555-0173. Give me a buzz when you can.",
            "Hello, Rob here. You can reach me on 704-555-0174 any time today.",
            "Hi Sue, Mark calling. Ring me back on my cell, 704-555-0175.",
            "Hey Tom, it's Jen. Get back to me when you have a minute, 704-555-0176.",
            "Hi, it's Ravi at Fieldstone. Please return my call at your earliest convenience, "
            "704-555-0177.",
            "Hi Alan, my number is 704-555-0178. Talk soon.",
            "Hi Beth, this is Carl. Shoot me a call at 704-555-0179 when you're free.",
            "Hi Deb, it's Ed again. Call me when you get this: 704-555-0180.",
        ],
        [
            "Hi Karen, a caterer I know needs a florist for June; call me at 704-555-0181 and "
            "I'll connect you.",
            "Hi Lee, there are three ways to cut your dock time; I'll email them to you. "
            "704-555-0182.",
            "Hi Sue, your reviews mention slow checkout four times this month. Call me at "
            "704-555-0183 and I'll tell you what two shops did.",
            "Hi Tom, Jane Park suggested I call you about your night shift. Call me at "
            "704-555-0184.",
            "Hi Beth, this is Carl, 704-555-0185, with the weather report: cloudy here, sunny "
            "if you call me back.",
            "Hi Deb, it's Ed, 704-555-0186. I'll call you Thursday at ten.",
            "Hi Alan, I'll send you the checklist tonight. 704-555-0187.",
            "Hi Ravi, how are you handling the new labelling rules? Call me at 704-555-0188 and "
            "I'll tell you what I've seen.",
            "Hi Ann, as promised, I have the grant list you asked for; call me at 704-555-0189.",
            "Hi, it's Jeff, 704-555-0190, I'm calling about the money you left at...",
            "Hi Gil, no need to call me back; I'll email you the two dates tonight. 704-555-0690.",
        ],
    ),
    "pitch.meeting-ask": (
        [
            "Hi Jo, it's Lee, 704-555-0200. I'd love to set up fifteen minutes to walk you "
            "through our platform.",
            "Hi Kai, 704-555-0201. Can we find a time next week to sit down?",
            "Hi Liv, Max here, 704-555-0202. I'd like to schedule a quick demo at a time that "
            "works for you.",
            "Hi Mo, it's Ned, 704-555-0203. Are you free Thursday for a coffee?",
            "Hi Nia, it's Oli, 704-555-0204. I'll be in your area on Tuesday and would like to "
            "stop by.",
            "Hi Pam, Quincy here, 704-555-0205. Let's grab twenty minutes on your calendar.",
            "Hi Rob, it's Sal, 704-555-0206. I'm hoping to book an appointment to show you what "
            "we do.",
            "Hi Sue, it's Tim, 704-555-0207. Could we hop on a call sometime this week?",
            "Hi Uri, Val here, 704-555-0208. I'd welcome the chance to meet with you in person.",
            "Hi Wen, it's Xi, 704-555-0209. When would be a good time to visit with you?",
        ],
        [
            "Hi Jo, it's Lee, 704-555-0210. I'll call you Thursday with the answer.",
            "Hi Kai, 704-555-0211. Three of your competitors changed their hours; I'll tell you "
            "which.",
            "Hi Liv, Max here, 704-555-0212. You asked me at the fair for the list of grants.",
            "Hi Mo, it's Ned, 704-555-0213. I'll email you the checklist today.",
            "Hi Nia, it's Oli, 704-555-0214. Your reviews mention wait times four times this "
            "month.",
            "Hi Pam, Quincy here, 704-555-0215. Call me and I'll give you his number.",
            "Hi Rob, it's Sal, 704-555-0216. Congratulations on the new store.",
            "Hi Sue, it's Tim, 704-555-0217. There's a grant most shops never apply for; I'll "
            "forward the link.",
            "Hi Uri, Val here, 704-555-0218. How are you handling the new overtime rule?",
            "Hi Wen, it's Xi, 704-555-0219, with the traffic report around my desk.",
        ],
    ),
    "pitch.about-us": (
        [
            "Hi Al, 704-555-0220. We are a full-service marketing agency based in Denver.",
            "Hi Bo, 704-555-0221. Our company provides payroll software to small firms.",
            "Hi Cy, 704-555-0222. We've been helping restaurants with their linens for over "
            "thirty years.",
            "Hi Di, 704-555-0223. I represent a national leader in commercial roofing.",
            "Hi Ed, 704-555-0224. At Brightline, we specialise in fleet tracking.",
            "Hi Flo, 704-555-0225. My company installs solar panels for farms.",
            "Hi Gus, 704-555-0226. We work with dental practices to improve their billing.",
            "Hi Hal, 704-555-0227. We have a new product that I think you'll love.",
            "Hi Ida, 704-555-0228. Our award-winning team handles everything from design to "
            "delivery.",
            "Hi Jay, 704-555-0229. We're the largest independent insurance broker in the state.",
            "Hi Kit, 704-555-0230. I'm with Acme Logistics, and we move freight across the "
            "Midwest.",
        ],
        [
            "Hi Al, 704-555-0231. Your competitors on Main Street started Sunday hours.",
            "Hi Bo, 704-555-0232. A client of mine needs a new roof by May.",
            "Hi Cy, 704-555-0233. I'll send you the checklist.",
            "Hi Di, 704-555-0234. Our mutual friend Gwen suggested I call.",
            "Hi Ed, 704-555-0235. We both know Gwen from the rotary club.",
            "Hi Flo, 704-555-0236. When we spoke last month you said no-shows were your headache.",
            "Hi Gus, 704-555-0237. How are you handling the new wage law?",
            "Hi Hal, 704-555-0238. Three of your reviews this week mention slow service.",
            "Hi Ida, 704-555-0239. I have two ideas for your Tuesday tables.",
            "Hi Jay, 704-555-0240. Congratulations on the new store on Elm Street.",
        ],
    ),
    "pitch.introduce-myself": (
        [
            "Hi Al, it's Ben, 704-555-0241. I just wanted to introduce myself.",
            "Hi Bo, 704-555-0242. I'm your new account manager at Acme.",
            "Hi Cy, it's Dee, 704-555-0243. I just took over your account from Sam.",
            "Hi Di, 704-555-0244. I recently joined Brightline and you're in my territory.",
            "Hi Ed, 704-555-0245. I'm new to the area and calling on local businesses.",
            "Hi Flo, 704-555-0246. I'd like to tell you a little about what we do.",
            "Hi Gus, 704-555-0247. I'll be your new point of contact going forward.",
            "Hi Hal, 704-555-0248. I'm calling to introduce our company and services.",
            "Hi Ida, 704-555-0249. I just started as the rep for your region.",
            "Hi Jay, 704-555-0250. Let me tell you a bit about myself and my firm.",
        ],
        [
            "Hi Al, it's Ben, 704-555-0251. Carla Diaz suggested I call you.",
            "Hi Bo, 704-555-0252. I'd like to introduce you to a buyer who needs your chairs.",
            "Hi Cy, 704-555-0253. Your new location on Elm opened last week.",
            "Hi Di, 704-555-0254. I have two ideas on your hiring.",
            "Hi Ed, 704-555-0255. Do you know why your weekend orders dropped?",
            "Hi Flo, 704-555-0256. Call me and I'll give you her number.",
            "Hi Gus, 704-555-0257. I'll send you the list tonight.",
            "Hi Hal, 704-555-0258. As promised, here are the dates you asked for.",
            "Hi Ida, 704-555-0259. Three of your competitors raised prices.",
            "Hi Jay, 704-555-0260. Congratulations on the new role.",
        ],
    ),
    "pitch.checking-in": (
        [
            "Hi Al, it's Ben, 704-555-0261. Just checking in.",
            "Hi Bo, 704-555-0262. I wanted to touch base about next quarter.",
            "Hi Cy, 704-555-0263. I'm following up on my email from last Tuesday.",
            "Hi Di, 704-555-0264. Did you get a chance to look at the proposal I sent?",
            "Hi Ed, 704-555-0265. Circling back on our pricing.",
            "Hi Flo, 704-555-0266. Just following up to see where things stand.",
            "Hi Gus, 704-555-0267. I'm calling to see if you received my package.",
            "Hi Hal, 704-555-0268. Any update on the quote?",
            "Hi Ida, 704-555-0269. Touching base again about the demo.",
            "Hi Jay, 704-555-0270. I wanted to follow up on the voicemail I left Monday.",
        ],
        [
            "Hi Al, it's Ben, 704-555-0271. Following up on your question about the overtime "
            "rule: it applies to your drivers.",
            "Hi Bo, 704-555-0272. As promised, I checked the lead times for your steel.",
            "Hi Cy, 704-555-0273. You asked me for the list of grants; I have it.",
            "Hi Di, 704-555-0274. Your reviews mention slow checkout.",
            "Hi Ed, 704-555-0275. I'll check in with the supplier and call you with the answer.",
            "Hi Flo, 704-555-0276. A friend of mine needs a caterer for June.",
            "Hi Gus, 704-555-0277. I have two ideas for your Tuesday tables.",
            "Hi Hal, 704-555-0278. Congratulations on the merger.",
            "Hi Ida, 704-555-0279. How are you handling the new rules?",
            "Hi Jay, 704-555-0280. Your guests check in late on Fridays; here's why.",
        ],
    ),
    "pitch.guilt": (
        [
            "Hi Al, it's Ben, 704-555-0281. I've left you three messages now.",
            "Hi Bo, 704-555-0282. This is my fourth attempt to reach you.",
            "Hi Cy, 704-555-0283. I haven't heard back from you yet.",
            "Hi Di, 704-555-0284. I know you must be swamped.",
            "Hi Ed, 704-555-0285. I guess you're not interested, so this is my last call.",
            "Hi Flo, 704-555-0286. I've tried calling you several times this month.",
            "Hi Gus, 704-555-0287. I keep missing you.",
            "Hi Hal, 704-555-0288. You're a hard person to reach.",
            "Hi Ida, 704-555-0289. I'll assume you're not interested if I don't hear back.",
            "Hi Jay, 704-555-0290. Still waiting to hear from you about the quote.",
        ],
        [
            "Hi Al, it's Ben, 704-555-0291. I left the list at your front desk.",
            "Hi Bo, 704-555-0292. Three of your competitors changed their hours.",
            "Hi Cy, 704-555-0293. I heard you just moved your warehouse.",
            "Hi Di, 704-555-0294. You must see a lot of orders in May.",
            "Hi Ed, 704-555-0295. This is my first call to you, and it's about your drivers.",
            "Hi Flo, 704-555-0296. Your customers have tried calling your shop on Sundays.",
            "Hi Gus, 704-555-0297. I'll keep it short: a client of mine needs your help.",
            "Hi Hal, 704-555-0298. How many times this month did your trucks wait at the dock?",
            "Hi Ida, 704-555-0299. I'll call you Thursday with the answer.",
            "Hi Jay, 704-555-0300. I'm waiting on the county's numbers and will share them.",
        ],
    ),
    "value.vague": (
        [
            "Hi Tom, 704-555-0301. I have some ideas that could really help your business.",
            "Hi Sue, 704-555-0302. We may have a solution that could benefit your company.",
            "Hi Al, 704-555-0303. I've got something that I think you'll find interesting.",
            "Hi Bev, 704-555-0304. There's an exciting opportunity I'd like to discuss with you.",
            "Hi Cy, 704-555-0305. I believe we can add a lot of value to your team.",
            "Hi Di, 704-555-0306. I'm confident we could be a great fit for you.",
            "Hi Ed, 704-555-0307. I have a few things I'd like to run by you.",
            "Hi Flo, 704-555-0308. We've got some great programs that might interest you.",
            "Hi Gus, 704-555-0309. I think I can help you with a few things.",
            "Hi Hal, 704-555-0310. I'd love to share some thoughts on how we might work together.",
        ],
        [
            "Hi Tom, 704-555-0311. I have three ideas for filling your weekday slots.",
            "Hi Sue, 704-555-0312. Your reviews mention long waits twice this week.",
            "Hi Al, 704-555-0313. A customer of mine needs a new roof and asked me who to call.",
            "Hi Bev, 704-555-0314. Do you know why two of your best cooks left last spring?",
            "Hi Cy, this is Ray, 704-555-0315, with the weather report: sunny, if you call me "
            "back.",
            "Hi Di, 704-555-0316. I'll send you the study on tenant turnover.",
            "Hi Ed, 704-555-0317. Congratulations on the new store on Elm Street.",
            "Hi Flo, 704-555-0318. Jane Park suggested I call you about your hiring plans.",
            "Hi Gus, this is Ben, 704-555-0319. Call me back.",
            "Hi Hal, 704-555-0320. As you asked on Tuesday, here are the delivery dates.",
        ],
    ),
    "filler.just-wanted": (
        [
            "Hi Al, 704-555-0321. I just wanted to see how things are going.",
            "Hi Bo, 704-555-0322. Just a quick call to say hello.",
            "Hi Cy, 704-555-0323. I'm just calling to see if you need anything.",
            "Hi Di, 704-555-0324. Just reaching out to connect.",
            "Hi Ed, 704-555-0325. Just calling about your account.",
            "Hi Flo, 704-555-0326. Sorry to bother you, this is Ann.",
            "Hi Gus, 704-555-0327. Just wanted to put a name to the voice.",
            "Hi Hal, 704-555-0328. I just wanted to say we're here if you need us.",
            "Hi Ida, 704-555-0329. Sorry for the call out of the blue.",
            "Hi Jay, 704-555-0330. Just a quick message to let you know I called.",
        ],
        [
            "Hi Al, 704-555-0331. Three of your competitors changed their hours.",
            "Hi Bo, 704-555-0332. I have a lead for you.",
            "Hi Cy, 704-555-0333. You just opened a second shop; congratulations.",
            "Hi Di, 704-555-0334. A quick question: are your drivers still on paper logs?",
            "Hi Ed, 704-555-0335. I want to give you a buyer's name.",
            "Hi Flo, 704-555-0336. Your reviews just passed two hundred.",
            "Hi Gus, 704-555-0337. I'll send the checklist tonight.",
            "Hi Hal, 704-555-0338. Here is the one thing your waiters could change.",
            "Hi Ida, 704-555-0339. Jane Park suggested I call.",
            "Hi Jay, 704-555-0340. That's just one of the four ways I found.",
        ],
    ),
    "filler.hesitation": (
        [
            "Hi Al, um, it's Kim at 704-555-0401. Three of your rivals changed their hours.",
            "Hi Bo, this is, uh, Lee, 704-555-0402, with a lead for your crew.",
            "Hi Cy, 704-555-0403. You know, your reviews mention the wait twice this month.",
            "Hi Di, 704-555-0404. Basically, I found two grants your farm qualifies for.",
            "Hi Ed, 704-555-0405. It's kind of a long story, but a buyer asked about you.",
            "Hi Flo, 704-555-0406. I have sort of an idea for your front desk.",
            "Hi Gus, 704-555-0407. I mean, three shops nearby fixed the same thing.",
            "Hi Hal, 704-555-0408. Like I said last week, the checklist is ready for you.",
            "Hi Ida, erm, 704-555-0409, about the new zoning next to your lot.",
            "Hi Jay, hmm, where to start. 704-555-0410. Your rent review is due in May.",
        ],
        [
            "Hi Al, 704-555-0411. Do you know why two of your regulars stopped coming in?",
            "Hi Bo, 704-555-0412. Thank you for the kind words at the fair.",
            "Hi Cy, 704-555-0413. I'll sort your supplier list by lead time and send it.",
            "Hi Di, 704-555-0414. The basic plan your rivals use costs them a day a week.",
            "Hi Ed, 704-555-0415. What you know about your drivers is worth a second look.",
            "Hi Flo, 704-555-0416. Your umbrella stand order shipped on Monday.",
            "Hi Gus, 704-555-0417. I meant to send the list yesterday; it is in your inbox.",
            "Hi Hal, 704-555-0418. Three kinds of customers leave your site at checkout.",
            "Hi Ida, 704-555-0419. As you know, the county approved the new road by your lot.",
            "Hi Jay, 704-555-0420. A buyer I met wants forty chairs like the ones you make.",
        ],
    ),
    "value.no-value": (
        [
            "This is Bob Smith; please give me a call at 704-555-0341.",
            "Hi Al, it's Ben from Acme, 704-555-0342. Call me back when you can.",
            "Hi Bo, 704-555-0343. We are a leading provider of managed print services.",
            "Hi Cy, 704-555-0344. Just checking in on the proposal.",
            "Hi Di, 704-555-0345. I'd like to set up a meeting next week.",
            "Hi Ed, 704-555-0346. We can save you money on your phone bill.",
            "Hi Flo, 704-555-0347. I've left you three messages now.",
            "Hi Gus, 704-555-0348. I have some ideas that could help your business.",
            "Hi Hal, 704-555-0349. I just wanted to introduce myself.",
            "Hi Ida, 704-555-0350. Hope you're well, talk soon.",
        ],
        [
            "Hi Al, 704-555-0351. A client of mine needs a new roof by May; I'll connect you.",
            "Hi Bo, 704-555-0352. Your reviews mention wait times four times this month.",
            "Hi Cy, 704-555-0353. I'll email you a checklist for the inspection.",
            "Hi Di, 704-555-0354. How are you handling the new overtime rule?",
            "Hi Ed, 704-555-0355. Congratulations on opening the Elm Street shop.",
            "Hi Flo, 704-555-0356. You asked me for the list of grants; I have it.",
            "Hi Gus, 704-555-0357. Jane Park suggested I call you about your hiring.",
            "Hi Hal, this is Kim, 704-555-0358, with the weather: sunny if you call back.",
            "Hi, it's Jeff, 704-555-0359, I met two of your competitors and they said...",
            "Hi Jay, 704-555-0360. There are three ways to keep your drivers past the summer.",
        ],
    ),
    "humor.half-message": (
        [
            "Hi Lisa, Joe here, 555-0199, about the invoice your competitor sent to",
            "Hi, this is Jeffrey, 333-1112, I'm calling about the money you left at. . . .",
            "Hi Raj, it's Kim, 704-555-0361, two of your regulars told me why they stopped "
            "coming, and it's because of the",
            "Hi Ana, Sam here at 704-555-0362. I found out what your biggest customer is "
            "planning for next year, and it's —",
            "Hi Bo, it's Lee, 704-555-0363, I was at your competitor's open house and they said...",
            "Hi Cy, 704-555-0364, Dee here. There are three ways to fill your empty Tuesday "
            "slots, and the first one is",
            "Hi Di, this is Ed, 704-555-0365. The county is about to change the parking on your "
            "street, and your customers will",
            "Hi Flo, it's Gus at 704-555-0366, I have the name of the buyer who asked about your "
            "--",
            "Hi Hal, 704-555-0367, Ida here, one of your suppliers is about to raise your "
            "prices because…",
            "Hi Jay, it's Kay, 704-555-0368. I noticed something on your website that is costing "
            "you customers, and it's the",
        ],
        [
            "Hi Karen, it's Joe. Give me a ring when you get a sec...",
            "Hi Lisa, Joe here, about the invoice your competitor sent to",
            "Hi Raj, it's Kim, 704-555-0369. Talk soon...",
            "Hi Ana, Sam here at 704-555-0370. Hope you had a great weekend —",
            "Hi Bo, it's Lee, 704-555-0371. Three of your competitors changed their hours.",
            "Hi Cy, 704-555-0372, Dee here. Call me back at 704-555-0372...",
            "Hi Di, the reason I'm calling is your competitor's new menu, which — call me at "
            "704-555-0373.",
            "Hi Flo, it's Gus, thanks for your time...",
            "Hi Hal, 704-555-0374, Ida here. Looking forward to hearing from you...",
            "Hi Jay, it's Kay, 704-555-0375. I'll send you the checklist…",
        ],
    ),
    "focus.self-focus": (
        [
            "Hi, I'm Bob and I run our sales team; we think our products would suit you, and I "
            "would like us to meet. 704-555-0376.",
            "This is Ann. I wanted to let you know we have opened our new office and we are "
            "proud of our team. 704-555-0377.",
            "Hi, it's Cal. I am calling because my manager asked me to get our name out, and I "
            "think we can do a lot. 704-555-0378.",
            "We're Acme. We have served our clients for years and we believe our service is the "
            "best. 704-555-0379.",
            "It's Dee. I've been in this business a long time and I'd like to show you what I "
            "can do for my clients. 704-555-0380.",
            "Hi, it's Eve from our Denver branch. We just hired me and I'm excited to meet our "
            "customers. 704-555-0381.",
            "This is Fred. My company and I have built our reputation on our quality; we'd love "
            "your business. 704-555-0382.",
            "I'm Gail. I'm calling since I'm new here and I'm meeting our accounts; I'll be "
            "around. 704-555-0383.",
            "Hi, it's Hank. We offer our services to firms, and we guarantee our work. I'd "
            "like to talk. 704-555-0384.",
            "This is Ivy. Our team and I have a new offer, and we want our partners to try it. "
            "704-555-0385.",
        ],
        [
            "Hi Jo, your reviews mention wait times; your competitors fixed that. I'll send "
            "you what they did. 704-555-0386.",
            "Hi Kai, a buyer needs your chairs; I'll give you his number. 704-555-0387.",
            "Hi Liv, do you know why your regulars stopped coming? I'll call you with the "
            "answer. 704-555-0388.",
            "Hi Mo, congratulations on your new store; your first month is the hardest. "
            "704-555-0389.",
            "Hi Nia, you asked for the grant list; I have it for you. 704-555-0390.",
            "Hi Oli, there are three ways to keep your drivers; I'll email them to you. "
            "704-555-0391.",
            "Hi Pam, your accountant suggested I call you about your lease. 704-555-0392.",
            "Hi Quin, your site is slow on phones; your visitors leave. 704-555-0393.",
            "Hi Rob, how are your nurses handling the new schedule? 704-555-0394.",
            "Hi Sal, this is Tim, 704-555-0395, with the weather for you: sunny if you call.",
        ],
    ),
    "value.money-saving": (
        [
            "Hi Al, 704-555-0396. We can save you money on your phone bill.",
            "Hi Bo, 704-555-0397. Our rates are 20% cheaper than what you pay now.",
            "Hi Cy, 704-555-0398. I can lower your costs on printing.",
            "Hi Di, 704-555-0399. We offer the best prices in town on uniforms.",
            "Hi Ed, 704-555-0400. Switch to us and save up to 30 percent.",
            "Hi Flo, 704-555-0401. I'd like to show you how to cut your costs on shipping.",
            "Hi Gus, 704-555-0402. We have a special discount for new customers this month.",
            "Hi Hal, 704-555-0403. Our plan could save you thousands a year.",
            "Hi Ida, 704-555-0404. We'll beat your current supplier's price.",
            "Hi Jay, 704-555-0405. I can get you better rates on your insurance.",
        ],
        [
            "Hi Al, 704-555-0406. There are five ways to save money on your copier; I'll "
            "email them to you.",
            "Hi Bo, 704-555-0407. Three of your competitors lost staff this spring.",
            "Hi Cy, 704-555-0408. A client of mine needs a printer for ten thousand flyers.",
            "Hi Di, 704-555-0409. Your prices are lower than the shop next door's.",
            "Hi Ed, 704-555-0410. How are you handling the new tax rules?",
            "Hi Flo, 704-555-0411. Your shipping times went up by two days this month.",
            "Hi Gus, 704-555-0412. Congratulations on the new store.",
            "Hi Hal, 704-555-0413. I'll send you the grant list tonight.",
            "Hi Ida, 704-555-0414. Jane Park suggested I call about your insurance renewal.",
            "Hi Jay, 704-555-0415. Your customers ask for delivery before nine.",
        ],
    ),
    "offer.their-need": (
        [
            "Hi Al, 704-555-0416. If your technicians lose an hour a day to paperwork, two "
            "shops I know fixed it.",
            "Hi Bo, 704-555-0417. Owners tell me they are tired of chasing late invoices.",
            "Hi Cy, 704-555-0418. If you're struggling to keep weekend staff, I have an idea.",
            "Hi Di, 704-555-0419. If your waiting list keeps growing, there's a way to shorten it.",
            "Hi Ed, 704-555-0420. Clinics in your position often struggle with no-shows in winter.",
            "Hi Flo, 704-555-0421. If you are frustrated with your current courier, I know why "
            "it happens.",
            "Hi Gus, 704-555-0422. What keeps you up at night this season: staff or stock?",
            "Hi Hal, 704-555-0423. If your drivers spend half the morning waiting at the dock, "
            "call me.",
            "Hi Ida, 704-555-0424. Your biggest headache this spring is probably the new rota.",
            "Hi Jay, 704-555-0425. If you're paying too much for freight on small orders, I "
            "found out why.",
            "Hi Kim, 704-555-0680. If your front desk needs more hands on Mondays, two clinics "
            "found a way.",
            "Hi Lev, 704-555-0681. I understand you're looking for a new landscaper for the "
            "campus.",
        ],
        [
            "Hi Al, 704-555-0426. We help companies like yours grow.",
            "Hi Bo, 704-555-0427. I'd like to understand your needs better.",
            "Hi Cy, 704-555-0428. Let's talk about your goals for next year.",
            "Hi Di, 704-555-0429. Our clients are never frustrated with us.",
            "Hi Ed, 704-555-0430. I'm tired of missing you, so call me back.",
            "Hi Flo, 704-555-0431. Call me if you have any questions.",
            "Hi Gus, 704-555-0432. Three of your competitors changed their hours.",
            "Hi Hal, 704-555-0433. If you get a minute, give me a ring.",
            "Hi Ida, 704-555-0434. A client of mine needs a new roof.",
            "Hi Jay, 704-555-0435. I'll send you the checklist tonight.",
            "Hi Kim, 704-555-0682. If you're not interested in a new copier, no problem.",
            "Hi Lev, 704-555-0683. I'm looking for new customers in your area.",
        ],
    ),
    "pitch.pressure": (
        [
            "Hi Al, 704-555-0436. It is important that you call me back today.",
            "Hi Bo, 704-555-0437. Please call me back immediately about your account.",
            "Hi Cy, 704-555-0438. This is urgent, call me at your first chance.",
            "Hi Di, 704-555-0439. Don't miss out on our spring offer.",
            "Hi Ed, 704-555-0440. The offer is for a limited time only.",
            "Hi Flo, 704-555-0441. Get back to me as soon as possible.",
            "Hi Gus, 704-555-0442. It's critical that we speak this week.",
            "Hi Hal, 704-555-0443. I need to hear from you TODAY.",
            "Hi Ida, 704-555-0444. Act now, before it's too late for this quarter.",
            "Hi Jay, 704-555-0445. Only a few spots left at this price; call me ASAP.",
        ],
        [
            "Hi Al, 704-555-0446. I'll call you Thursday with the answer.",
            "Hi Bo, 704-555-0447. No need to call back; I'll try you again next week.",
            "Hi Cy, 704-555-0448. Three of your competitors changed their hours today.",
            "Hi Di, 704-555-0449. Your reviews mention slow service.",
            "Hi Ed, 704-555-0450. Whenever suits you is fine.",
            "Hi Flo, 704-555-0451. A client of mine needs a caterer for June.",
            "Hi Gus, 704-555-0452. It is a pleasure to finally reach your office.",
            "Hi Hal, 704-555-0453. I missed you today, so here's the short version.",
            "Hi Ida, 704-555-0454. There is no rush on this one.",
            "Hi Jay, 704-555-0455. The county's new rule starts in May.",
        ],
    ),
    "callback.next-step": (
        [
            "Hi Al, 704-555-0456. Do you know why your Tuesday orders dipped? I'll call you "
            "Thursday with the answer.",
            "Hi Bo, 704-555-0457. No need to call back; I'll try you again on Friday morning.",
            "Hi Cy, 704-555-0458. I'll send you a short email with the two links.",
            "Hi Di, 704-555-0459. I'll call you back with the numbers once the county "
            "publishes them.",
            "Hi Ed, 704-555-0460. I will try you again next week.",
            "Hi Flo, 704-555-0461. You don't have to call; I'll ring you tomorrow at nine.",
            "Hi Gus, 704-555-0462. I'll follow this up with a quick note.",
            "Hi Hal, 704-555-0463. I'll call again on Monday with the list.",
            "Hi Ida, 704-555-0464. I'll catch you this afternoon after your rush.",
            "Hi Jay, 704-555-0465. I'll get back to you with the answer after I speak to them.",
            "Hi Kip, 704-555-0691. There's no need for you to call me back; I'm about to send you "
            "an email with the times.",
        ],
        [
            "Hi Al, 704-555-0466. Please call me back.",
            "Hi Bo, 704-555-0467. Give me a ring when you can.",
            "Hi Cy, 704-555-0468. I'd love to hear back from you.",
            "Hi Di, 704-555-0469. Let me know what you think.",
            "Hi Ed, 704-555-0470. I called you last week.",
            "Hi Flo, 704-555-0471. You can reach me any time.",
            "Hi Gus, 704-555-0472. I sent you an email yesterday.",
            "Hi Hal, 704-555-0473. Looking forward to your call.",
            "Hi Ida, 704-555-0474. I tried calling twice.",
            "Hi Jay, 704-555-0475. Call me when you're free.",
        ],
    ),
    "callback.permission-to-say-no": (
        [
            "Hi Al, it's Ben, 704-555-0620. If it's not a priority this spring, just let me know "
            "and I'll stop calling.",
            "Hi Bo, 704-555-0621. I have a thought on your delivery routes; if not, no problem.",
            "Hi Cy, Dee here, 704-555-0622. A simple no is fine, and it helps me too.",
            "Hi Di, 704-555-0623. This will be my last call about the grant; the deadline is "
            "Friday.",
            "Hi Ed, it's Flo, 704-555-0624. If you've already found a new bookkeeper, tell me "
            "and I'll close your file.",
            "Hi Gus, 704-555-0625. If the timing is wrong, no hard feelings; I'll take you off "
            "my list.",
            "Hi Hal, it's Ida, 704-555-0626. I don't want to be a pest, so I'll leave it there.",
            "Hi Jay, 704-555-0627. It's totally fine to say no; I'd rather know than guess.",
            "Hi Kay, Lou here, 704-555-0628. If you're not looking at new vans this year, just "
            "text me no.",
            "Hi Mo, 704-555-0629. Should I close the loop on the warehouse idea?",
            "Hi Nan, it's Ola, 704-555-0630. If you're not, sorry for the interruption, and "
            "good luck with the launch.",
        ],
        [
            "Hi Al, it's Ben, 704-555-0631. I've left you three messages now.",
            "Hi Bo, 704-555-0632. If you're not the right person, who should I call?",
            "Hi Cy, 704-555-0633. If you're interested, call me back today.",
            "Hi Di, 704-555-0634. This is my third call this week.",
            "Hi Ed, 704-555-0635. No problem getting you the samples by Friday.",
            "Hi Flo, 704-555-0636. I'll call you Thursday with the answer.",
            "Hi Gus, 704-555-0637. Please don't hesitate to call me back.",
            "Hi Hal, 704-555-0638. I'm closing in on the numbers for your region.",
            "Hi Ida, 704-555-0639. Let me know when you're free to meet.",
            "Hi Jay, 704-555-0640. If not now, when would be a good time for a demo?",
        ],
    ),
    "offer.peer-result": (
        [
            "Hi Rosa, it's Ian, 704-555-0641. We helped a bakery across town cut its waste by "
            "30% in two months.",
            "Hi Ty, 704-555-0642. One of my clients, a roofer in Dayton, doubled his spring "
            "bookings with one postcard.",
            "Hi Uma, Vic here, 704-555-0643. I worked with three dental practices in your county "
            "that halved their no-shows this year.",
            "Hi Wes, 704-555-0644. A customer of ours, a print shop your size, went from two to "
            "five wholesale accounts by summer.",
            "Hi Xia, it's Yan, 704-555-0645. Last spring we helped another family winery raise "
            "its club sign-ups by a third.",
            "Hi Zed, 704-555-0646. One of our customers in trucking cut fuel spend 12 percent "
            "with a routing change.",
            "Hi Ari, it's Bea, 704-555-0647. We showed two clinics like yours how to fill 40 more "
            "slots a month.",
            "Hi Cal, 704-555-0648. My client in Tulsa recovered $18,000 of unbilled hours in one "
            "quarter.",
            "Hi Dot, it's Eve, 704-555-0649. We helped six independent pharmacies grow refills "
            "by 20% last year.",
            "Hi Fay, 704-555-0650. Our clients' sales teams at least double the number of first "
            "meetings they set.",
        ],
        [
            "Hi Rosa, 704-555-0651. We have helped over 500 clinics improve their reviews.",
            "Hi Ty, 704-555-0652. We help companies like yours grow their bottom line.",
            "Hi Uma, 704-555-0653. Our clients love us, and we'd love to help you too.",
            "Hi Wes, 704-555-0654. We work with many print shops in your area.",
            "Hi Xia, 704-555-0655. We help wineries sell more wine.",
            "Hi Zed, 704-555-0656. Three of your competitors changed their delivery hours.",
            "Hi Ari, 704-555-0657. I helped my neighbour move house last weekend.",
            "Hi Cal, 704-555-0658. Our software is used by 3,000 companies.",
            "Hi Dot, 704-555-0659. We've been helping pharmacies for 25 years.",
            "Hi Fay, 704-555-0660. One of my clients asked me to call you about your lease.",
        ],
    ),
}
