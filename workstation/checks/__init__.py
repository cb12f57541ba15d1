"""Writing checks for Arabic: spelling with suggestions (hunspell), punctuation and house style.

`findings` names the rules; `spelling` and `style` look at one paragraph; `story` at a whole
story; `library` keeps the newsroom dictionary and the rules switched off, and lints stories.
"""
