"""The 28 kinds of topics a team can always write about, with headline patterns.

Placeholders in patterns, filled from the workspace profile:

``{topic}``     one of the profile's topics or keywords, as written
``{audience}``  who the team writes for ("city commuters")
``{industry}``  the team's industry ("bicycle repair")
``{product}``   one of the team's products (patterns with it are skipped when there is none)
``{year}``      the current year (patterns with it are skipped when no date is given)
``{n}``         a small number chosen by the generator

Patterns put ``{topic}`` where singular and plural topics both read well
("about e-bikes", "about winter cycling"), never as the subject of a verb.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import PURPOSES


@dataclass(frozen=True)
class Template:
    """A kind of topic: a stable key, a name, its purpose and headline patterns."""

    key: str
    name: str
    purpose: str
    description: str
    patterns: tuple[str, ...]


def _t(key: str, name: str, purpose: str, description: str, *patterns: str) -> Template:
    assert purpose in PURPOSES, purpose
    return Template(key, name, purpose, description, patterns)


TEMPLATES: tuple[Template, ...] = (
    _t(
        "industry-trends",
        "Industry trends",
        "inform",
        "Where your field is heading and what it means for your readers.",
        "{n} trends in {topic} to watch in {year}",
        "Where {industry} is heading in {year}: what {audience} should know",
        "The biggest shifts in {topic} this year, and what they mean for {audience}",
        "What changed in {topic} this year (and what did not)",
    ),
    _t(
        "top-10",
        "Top 10",
        "educate",
        "A ranked list of ten: tools, tips, mistakes, examples.",
        "10 mistakes {audience} make with {topic}",
        "Our top 10 tips on {topic} for {audience}",
        "10 questions to ask before you spend money on {topic}",
        "The 10 best things we learned about {topic} in {year}",
    ),
    _t(
        "advice",
        "Advice on X",
        "educate",
        "Practical advice from your own experience.",
        "Our best advice on {topic} after years in {industry}",
        "What we tell every customer about {topic}",
        "{n} pieces of advice on {topic} we wish we had heard sooner",
    ),
    _t(
        "news",
        "News",
        "inform",
        "What just happened in your field, and why it matters.",
        "News in {topic}: what it means for {audience}",
        "This month in {industry}: the news {audience} should not miss",
        "Just announced: {product} now covers more for {audience}",
        "The {topic} news of the week, explained in {n} minutes",
    ),
    _t(
        "expert-interview",
        "Interview with a specialist",
        "inform",
        "Questions and answers with someone who knows the subject.",
        "Interview: a {industry} specialist on {topic}",
        "We asked an expert {n} questions about {topic}",
        "Q&A: what a specialist wants {audience} to know about {topic}",
    ),
    _t(
        "industry-events",
        "Industry events",
        "inform",
        "Events, fairs and meetups worth attending, before and after.",
        "{n} {industry} events worth your time in {year}",
        "What we took home from this year's biggest {industry} event",
        "Where to meet other {audience} this season: a short list of events",
    ),
    _t(
        "ask-a-question",
        "Ask a question",
        "entertain",
        "A question that invites your readers to answer.",
        "What is your biggest question about {topic}?",
        "Tell us: what would make {topic} easier for you?",
        "One question for {audience}: what should we write about next?",
    ),
    _t(
        "product-review",
        "Product review",
        "inform",
        "An honest review of a product your readers consider.",
        "Honest review: the {topic} gear we actually use",
        "We tested {n} products for {topic}: here is our verdict",
        "Is it worth it? A frank review for {audience}",
    ),
    _t(
        "guest-blogger",
        "Find a guest blogger",
        "inspire",
        "Another voice on your channel: a partner, a customer, a peer.",
        "Guest post: a fellow {industry} professional on {topic}",
        "A guest writes: what {topic} taught me about my work",
        "Guest post: one of our {audience} on getting started with {topic}",
    ),
    _t(
        "pros-and-cons",
        "Pros and cons of X",
        "educate",
        "A fair comparison that helps readers decide.",
        "The pros and cons of {topic}, honestly",
        "{topic}: is it worth it? Pros and cons for {audience}",
        "Should you invest in {topic}? The pros and cons",
    ),
    _t(
        "industry-people",
        "Important people in the industry",
        "inspire",
        "People in your field worth following and learning from.",
        "{n} people in {industry} worth following",
        "Who to follow on {topic}: our list of voices worth hearing",
        "The people shaping {industry} in {year}",
    ),
    _t(
        "useful-books",
        "Useful books",
        "educate",
        "Books and long reads your readers will thank you for.",
        "{n} books about {topic} worth reading this winter",
        "The reading list on {topic} we give every new colleague",
        "Books that changed how we think about {industry}",
    ),
    _t(
        "resource-list",
        "A very long list of industry resources",
        "educate",
        "The link collection people bookmark and share.",
        "A long list of resources about {topic}",
        "{n} free resources on {topic} for {audience}",
        "{topic} in one place: our resource list for {year}",
    ),
    _t(
        "answer-comments",
        "Answer comments",
        "inform",
        "A post built from the questions and comments you received.",
        "You asked, we answered: your questions about {topic}",
        "The {n} questions {audience} ask us most about {topic}",
        "Answering your comments on {topic}",
    ),
    _t(
        "post-series",
        "A series of posts",
        "educate",
        "A numbered series that brings readers back.",
        "Part 1 of our series on {topic}: the basics",
        "A {n}-part series on {topic} for {audience}",
        "Week by week: our series on mastering {topic}",
    ),
    _t(
        "best-posts",
        "List of best posts",
        "inform",
        "Your own best posts, gathered for newcomers.",
        "Our {n} most read posts about {topic}",
        "The best of our blog on {topic}, in one list",
        "Start here: our best posts for {audience}",
    ),
    _t(
        "explain-complicated",
        "Explain something complicated",
        "educate",
        "A hard subject made simple.",
        "{topic}, explained in plain words",
        "The complete beginner's explanation of {topic}",
        "What nobody explains about {topic}, in {n} simple steps",
    ),
    _t(
        "picture",
        "A picture",
        "entertain",
        "One photo, drawing or chart that tells the story.",
        "One picture that sums up {topic}",
        "Behind the scenes at our {industry} workshop, in photos",
        "A chart about {topic} that {audience} should see",
    ),
    _t(
        "for-beginners",
        "X for beginners",
        "educate",
        "A friendly start for newcomers.",
        "{topic} for beginners: where to start",
        "A beginner's guide to {topic} for {audience}",
        "{topic} for beginners: {n} things to know first",
    ),
    _t(
        "industry-statistics",
        "Industry statistics",
        "inform",
        "Numbers about your field, with what they mean.",
        "{n} statistics about {topic} that surprised us",
        "{industry} in numbers: the figures for {year}",
        "The numbers behind {topic}: what the data says",
    ),
    _t(
        "audience-survey",
        "Audience survey",
        "entertain",
        "Ask your readers, then publish what they said.",
        "Survey: how do {audience} really feel about {topic}?",
        "We asked our readers about {topic}. Here are the results",
        "Take our {n}-minute survey on {topic}",
    ),
    _t(
        "how-to",
        "How-to",
        "educate",
        "Step-by-step instructions for one task.",
        "How to get started with {topic} in {n} steps",
        "How to choose the right {industry} partner",
        "How to get more out of {product}",
        "How to save time on {topic}: a step-by-step guide",
    ),
    _t(
        "web-tools",
        "List of web-based tools",
        "educate",
        "Online tools that make a task easier.",
        "{n} free online tools for {topic}",
        "The web tools we use every day for {topic}",
        "Apps and tools {audience} should know about",
    ),
    _t(
        "laws-and-regulation",
        "Laws and regulation",
        "inform",
        "Rules that affect your readers, explained.",
        "New rules on {topic}: what {audience} need to know",
        "The law and {topic}: a plain-words guide",
        "{industry} regulation in {year}: what changes for you",
    ),
    _t(
        "myth-busters",
        "Myth busters",
        "entertain",
        "Common beliefs, checked against the facts.",
        "{n} myths about {topic}, busted",
        "Myth or fact? What people get wrong about {topic}",
        "The biggest myth in {industry}, and the truth behind it",
    ),
    _t(
        "rewrite-old-post",
        "Rewrite an old post",
        "educate",
        "An old favourite, brought up to date.",
        "Updated for {year}: our guide to {topic}",
        "Revisited: what we got wrong about {topic} last time",
        "{topic}, revisited: the refreshed guide",
    ),
    _t(
        "case-studies",
        "Case studies and best customers",
        "promote",
        "How a customer succeeded, told with numbers.",
        "Case study: how one of our customers mastered {topic}",
        "How {product} helped one of our {audience}",
        "Customer story: {topic} done right",
        "From problem to solution: a real {industry} case study",
    ),
    _t(
        "industry-problems",
        "Problems that need attention",
        "inspire",
        "Issues in your field that deserve a fix, and your view on them.",
        "The problem with {topic} nobody talks about",
        "{n} problems in {industry} that need fixing",
        "What {industry} gets wrong about {audience}, and how to fix it",
    ),
)

TEMPLATES_BY_KEY: dict[str, Template] = {template.key: template for template in TEMPLATES}
