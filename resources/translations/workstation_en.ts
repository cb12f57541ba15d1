<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Editorial Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write, file, caption and export the articles of an Arabic news website.
Free software under the GNU General Public License, version 3 or later ({licence}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>Article body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dateline as it opens the first paragraph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already saved as a revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the trash: restore it to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no dateline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {time} · version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{words} words · {characters} characters · {minutes} min read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web or mail address (empty removes the link):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} is not a web or mail address (http, https or mailto).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the article was changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet: the library cannot be reached; your text is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleFields</name>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the dateline time to now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the subheadline, dateline, byline and keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ubheadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date&amp;line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Byline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>(no headline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being edited by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate article</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s)</source>
        <translation>
            <numerusform>Move %n article</numerusform>
            <numerusform>Move %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s) to the trash</source>
        <translation>
            <numerusform>Move %n article to the trash</numerusform>
            <numerusform>Move %n articles to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n article(s)</source>
        <translation>
            <numerusform>Restore %n article</numerusform>
            <numerusform>Restore %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>Search this section…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search only the chosen section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This section only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the articles in the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s) to the section:</source>
        <translation>
            <numerusform>Move %n article to the section:</numerusform>
            <numerusform>Move %n articles to the section:</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No article found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No article in this section: Ctrl+N writes one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticlePreview</name>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchCaptionDialog</name>
    <message numerus="yes">
        <source>Edit %n photo(s) together</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(mixed: left empty, each photo keeps its own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(left empty, each photo keeps its own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables, filled for each photo: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyEdit</name>
    <message>
        <source>Edit text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksPane</name>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Article changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article {docid} was saved by someone else while you were editing it. Nothing has been overwritten. Keep your version (theirs stays in the revision history), take theirs (your unsaved edits are dropped), or compare the two first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare side by side…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (in the library)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>The library cannot be reached: what you type is kept here and saved as soon as the connection returns (it is tried again every few seconds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <source>Bold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision history…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorChecks</name>
    <message>
        <source>(spelling is off: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text has changed since it was checked; checking again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no suggestions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportChecksRow</name>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the stories&apos; writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the stories&apos; writing… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The writing checks could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings in the %1 stories to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 stories to export have findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a story in the editor to see its findings in the Checks pane.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder, or a file ending in .zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every published article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current section: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current article: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the site is served: canonical, feed and sitemap addresses become absolute. Kept in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing checks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to zip file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 articles (%2 article pages) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files written, %2 unchanged, %3 photos encoded, in %4 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled; the previous bundle is untouched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (ignores tashkeel and hamza forms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also find the word with و ف ب ك ل ال before it and suffixes after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{index} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} replaced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FocusPreview</name>
    <message>
        <source>Focal point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the photo where its crops should be centred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Add photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set credit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl + wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding photos: %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set focal point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear focal point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit for the selected photos:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption for the selected photos; variables: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photos could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Add %n photo(s)</source>
        <translation>
            <numerusform>Add %n photo</numerusform>
            <numerusform>Add %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added, %2 not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit together…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy caption fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste caption fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit photos together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Photos of the article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos yet. Drop photos or folders here from a card, a camera or the wire, paste files copied in a file manager, or use Add photos (Ctrl+Shift+I).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Centre the crops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the focal point: the crops are centred on the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveBar</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being edited by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveLink</name>
    <message>
        <source>The article list could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now in the library (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Editorial Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete (move to trash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move to section…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;estore from trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Captioning mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code replacements…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open article could not be saved; it stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copy %n photo(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n section(s)</source>
        <translation>
            <numerusform>%n section</numerusform>
            <numerusform>%n sections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the trash</source>
        <translation>
            <numerusform>%n in the trash</numerusform>
            <numerusform>%n in the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in this section</source>
        <translation>
            <numerusform>%n in this section</numerusform>
            <numerusform>%n in this section</numerusform>
        </translation>
    </message>
    <message>
        <source>The open article could not be saved; the language was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open article could not be saved. Close anyway and lose the unsaved changes?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SSH agent or ~/.ssh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete from the server the files that left the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved targets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known hosts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing checks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A target needs an address to publish to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files, %3 of %4 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files (%2 MB) to send, %3 to delete, %4 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is up to date: nothing to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 files (%2 MB), deleted %3, %4 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section pages and the home page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feeds, sitemap and manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style sheets and fonts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To delete (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publish failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s key has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server is not known yet. Its key&apos;s fingerprint is

%1

Compare it with the one your server administrator gives you. Trust this key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publish was cancelled after %1 files; the site holds whole files only, and the next publish finishes the job.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishHistoryView</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (some files failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Related articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedSearchDialog</name>
    <message>
        <source>Add related articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search headlines and text, or type a document id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No article found.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionHistory</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored from version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before an import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dateline agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring version {version} makes these changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {count} more paragraphs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text as it is now is kept as a revision, and Undo takes the restore back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version} is the text as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionHistoryDialog</name>
    <message>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring keeps the current text as a revision too, so nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionDialog</name>
    <message>
        <source>New section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slug (Latin letters, digits, hyphens):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionTreeModel</name>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename section</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s)</source>
        <translation>
            <numerusform>Move %n article</numerusform>
            <numerusform>Move %n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>Move section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete section</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionTreeView</name>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New section…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sub-section…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete section…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The section holds %n article(s). Move them to:</source>
        <translation>
            <numerusform>The section holds %n article. Move it to:</numerusform>
            <numerusform>The section holds %n articles. Move them to:</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete section</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerPasswordDialog</name>
    <message>
        <source>Library server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library server needs a password for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library server refused the password: type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember in the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring keeps it; the next start asks no more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutTableModel</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code &apos;%1&apos; is already in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code replacements</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Code replacements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search codes and texts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search codes and texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import TSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport TSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSV (*.tsv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 codes stored; these lines were refused:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export codes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WireWatch</name>
    <message>
        <source>Wire folder unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire folder stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wire folder is watched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch a wire folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wire folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <source>Editorial Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring could not keep the password ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the library for search…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
