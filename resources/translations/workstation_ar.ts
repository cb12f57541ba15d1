<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Editorial Workstation</source>
        <translation>عن محطة التحرير</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>الإصدار {version}</translation>
    </message>
    <message>
        <source>Write, file, caption and export the articles of an Arabic news website.
Free software under the GNU General Public License, version 3 or later ({licence}).</source>
        <translation>اكتب مقالات موقع إخباري عربي وصنّفها وأضف تعليقات صورها وصدّرها.
برنامج حر بموجب رخصة غنو العمومية، الإصدار 3 أو أي إصدار لاحق ({licence}).</translation>
    </message>
    <message>
        <source>About</source>
        <translation>حول</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>الرخصة</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>الإسناد</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>Article body</source>
        <translation>نص المقالة</translation>
    </message>
    <message>
        <source>The dateline as it opens the first paragraph</source>
        <translation>سطر التاريخ كما يفتتح الفقرة الأولى</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>مقالات ذات صلة</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>التدقيق</translation>
    </message>
    <message>
        <source>Checks ({count})</source>
        <translation>التدقيق ({count})</translation>
    </message>
    <message>
        <source>Already saved as a revision</source>
        <translation>محفوظة بالفعل كمراجعة</translation>
    </message>
    <message>
        <source>In the trash: restore it to edit</source>
        <translation>في سلة المحذوفات: استعدها لتحريرها</translation>
    </message>
    <message>
        <source>(no dateline)</source>
        <translation>(بلا سطر تاريخ)</translation>
    </message>
    <message>
        <source>Saved {time} · version {version}</source>
        <translation>حُفظت {time} · النسخة {version}</translation>
    </message>
    <message>
        <source>{words} words · {characters} characters · {minutes} min read</source>
        <translation>{words} كلمة · {characters} حرفا · {minutes} دقيقة قراءة</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>جارٍ التحرير…</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>رابط</translation>
    </message>
    <message>
        <source>Web or mail address (empty removes the link):</source>
        <translation>عنوان ويب أو بريد (اتركه فارغًا لإزالة الرابط):</translation>
    </message>
    <message>
        <source>{url} is not a web or mail address (http, https or mailto).</source>
        <translation>{url} ليس عنوان ويب أو بريد (http أو https أو mailto).</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>لم تُحفظ: {reason}</translation>
    </message>
    <message>
        <source>Not saved: the article was changed by someone else</source>
        <translation>لم تُحفظ: غيّر شخص آخر المقالة</translation>
    </message>
    <message>
        <source>Not saved yet: the library cannot be reached; your text is kept.</source>
        <translation>لم يُحفظ بعد: تعذّر الوصول إلى المكتبة، ونصّك محفوظ هنا.</translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation>سجل المراجعات</translation>
    </message>
</context>
<context>
    <name>ArticleFields</name>
    <message>
        <source>Now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهزة</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منشورة</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation>العنوان الفرعي</translation>
    </message>
    <message>
        <source>City</source>
        <translation>المدينة</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>الوكالة</translation>
    </message>
    <message>
        <source>Keywords, separated by commas</source>
        <translation>كلمات مفتاحية تفصل بينها فواصل</translation>
    </message>
    <message>
        <source>Byline</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <source>Dateline city</source>
        <translation>مدينة سطر التاريخ</translation>
    </message>
    <message>
        <source>Source title</source>
        <translation>العنوان بلغة المصدر</translation>
    </message>
    <message>
        <source>Dateline time</source>
        <translation>وقت سطر التاريخ</translation>
    </message>
    <message>
        <source>Dateline agency</source>
        <translation>وكالة سطر التاريخ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Set the dateline time to now</source>
        <translation>اجعل وقت سطر التاريخ الآن</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>ال&amp;تفاصيل</translation>
    </message>
    <message>
        <source>Show or hide the subheadline, dateline, byline and keywords</source>
        <translation>إظهار العنوان الفرعي وسطر التاريخ والكاتب والكلمات المفتاحية أو إخفاؤها</translation>
    </message>
    <message>
        <source>&amp;Source title</source>
        <translation>العنوان بلغة ال&amp;مصدر</translation>
    </message>
    <message>
        <source>S&amp;ubheadline</source>
        <translation>العنوان ال&amp;فرعي</translation>
    </message>
    <message>
        <source>Date&amp;line</source>
        <translation>سطر ال&amp;تاريخ</translation>
    </message>
    <message>
        <source>&amp;Byline</source>
        <translation>ال&amp;كاتب</translation>
    </message>
    <message>
        <source>&amp;Keywords</source>
        <translation>الكلمات ال&amp;مفتاحية</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>الكلمات المفتاحية</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>(no headline)</source>
        <translation>(بلا عنوان)</translation>
    </message>
    <message>
        <source>Being edited by %1</source>
        <translation>يحرره الآن %1</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>القسم</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهزة</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منشورة</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>مقالة جديدة</translation>
    </message>
    <message>
        <source>Duplicate article</source>
        <translation>نسخ المقالة</translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s)</source>
        <translation>
            <numerusform>نقل %n مقالة</numerusform>
            <numerusform>نقل مقالة</numerusform>
            <numerusform>نقل مقالتين</numerusform>
            <numerusform>نقل %n مقالات</numerusform>
            <numerusform>نقل %n مقالة</numerusform>
            <numerusform>نقل %n مقالة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s) to the trash</source>
        <translation>
            <numerusform>نقل %n مقالة إلى سلة المحذوفات</numerusform>
            <numerusform>نقل مقالة إلى سلة المحذوفات</numerusform>
            <numerusform>نقل مقالتين إلى سلة المحذوفات</numerusform>
            <numerusform>نقل %n مقالات إلى سلة المحذوفات</numerusform>
            <numerusform>نقل %n مقالة إلى سلة المحذوفات</numerusform>
            <numerusform>نقل %n مقالة إلى سلة المحذوفات</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n article(s)</source>
        <translation>
            <numerusform>استعادة %n مقالة</numerusform>
            <numerusform>استعادة مقالة</numerusform>
            <numerusform>استعادة مقالتين</numerusform>
            <numerusform>استعادة %n مقالات</numerusform>
            <numerusform>استعادة %n مقالة</numerusform>
            <numerusform>استعادة %n مقالة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>Search this section…</source>
        <translation>ابحث في هذا القسم…</translation>
    </message>
    <message>
        <source>Search the library…</source>
        <translation>البحث في المكتبة…</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>البحث في المقالات</translation>
    </message>
    <message>
        <source>Search only the chosen section</source>
        <translation>البحث في القسم المختار وحده</translation>
    </message>
    <message>
        <source>This section only</source>
        <translation>هذا القسم وحده</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>سلة المحذوفات</translation>
    </message>
    <message>
        <source>Show the articles in the trash</source>
        <translation>اعرض المقالات الموجودة في سلة المحذوفات</translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s) to the section:</source>
        <translation>
            <numerusform>نقل %n مقالة إلى القسم:</numerusform>
            <numerusform>نقل مقالة إلى القسم:</numerusform>
            <numerusform>نقل مقالتين إلى القسم:</numerusform>
            <numerusform>نقل %n مقالات إلى القسم:</numerusform>
            <numerusform>نقل %n مقالة إلى القسم:</numerusform>
            <numerusform>نقل %n مقالة إلى القسم:</numerusform>
        </translation>
    </message>
    <message>
        <source>Move to section</source>
        <translation>نقل إلى قسم</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>سلة المحذوفات فارغة.</translation>
    </message>
    <message>
        <source>No article found.</source>
        <translation>لم يُعثر على أي مقالة.</translation>
    </message>
    <message>
        <source>Choose a section.</source>
        <translation>اختر قسمًا.</translation>
    </message>
    <message>
        <source>No article in this section: Ctrl+N writes one.</source>
        <translation>لا مقالات في هذا القسم: Ctrl+N يكتب مقالة جديدة.</translation>
    </message>
</context>
<context>
    <name>ArticlePreview</name>
    <message>
        <source>No preview: %1</source>
        <translation>لا معاينة: %1</translation>
    </message>
</context>
<context>
    <name>BatchCaptionDialog</name>
    <message numerus="yes">
        <source>Edit %n photo(s) together</source>
        <translation>
            <numerusform>تحرير %n صورة معًا</numerusform>
            <numerusform>تحرير %n صورة معًا</numerusform>
            <numerusform>تحرير %n صورة معًا</numerusform>
            <numerusform>تحرير %n صورة معًا</numerusform>
            <numerusform>تحرير %n صورة معًا</numerusform>
            <numerusform>تحرير %n صورة معًا</numerusform>
        </translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>النص البديل</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>الحقوق</translation>
    </message>
    <message>
        <source>Wire slug</source>
        <translation>تعليق الوكالة</translation>
    </message>
    <message>
        <source>(mixed: left empty, each photo keeps its own)</source>
        <translation>(قيم مختلفة: إن تُرك فارغًا احتفظت كل صورة بقيمتها)</translation>
    </message>
    <message>
        <source>(left empty, each photo keeps its own)</source>
        <translation>(إن تُرك فارغًا احتفظت كل صورة بقيمتها)</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>ا&amp;ستبدال</translation>
    </message>
    <message>
        <source>Add &amp;before</source>
        <translation>إضافة &amp;قبل</translation>
    </message>
    <message>
        <source>Add &amp;after</source>
        <translation>إضافة &amp;بعد</translation>
    </message>
    <message>
        <source>Variables, filled for each photo: %1</source>
        <translation>متغيرات تُملأ لكل صورة: %1</translation>
    </message>
</context>
<context>
    <name>BodyEdit</name>
    <message>
        <source>Edit text</source>
        <translation>تحرير النص</translation>
    </message>
</context>
<context>
    <name>ChecksPane</name>
    <message>
        <source>Fix</source>
        <translation>تصحيح</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>القواعد</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>لا ملاحظات</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>لا ملاحظات</numerusform>
            <numerusform>ملاحظة واحدة</numerusform>
            <numerusform>ملاحظتان</numerusform>
            <numerusform>%n ملاحظات</numerusform>
            <numerusform>%n ملاحظة</numerusform>
            <numerusform>%n ملاحظة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions</source>
        <translation>مقارنة النسختين</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Article changed by someone else</source>
        <translation>غيّر شخص آخر المقالة</translation>
    </message>
    <message>
        <source>Article {docid} was saved by someone else while you were editing it. Nothing has been overwritten. Keep your version (theirs stays in the revision history), take theirs (your unsaved edits are dropped), or compare the two first.</source>
        <translation>حفظ شخص آخر المقالة {docid} بينما كنت تحررها، ولم يُكتب شيء فوق شيء. احتفظ بنسختك (تبقى نسختهم في سجل المراجعات)، أو خذ نسختهم (تُسقط تعديلاتك غير المحفوظة)، أو قارن بين النسختين أولًا.</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>احتفظ بنسختي</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>خذ نسختهم</translation>
    </message>
    <message>
        <source>Compare side by side…</source>
        <translation>قارن جنبًا إلى جنب…</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>سأقرر لاحقًا</translation>
    </message>
    <message>
        <source>Mine (not saved)</source>
        <translation>نسختي (غير محفوظة)</translation>
    </message>
    <message>
        <source>Theirs (in the library)</source>
        <translation>نسختهم (في المكتبة)</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>The library cannot be reached: what you type is kept here and saved as soon as the connection returns (it is tried again every few seconds).</source>
        <translation>تعذّر الوصول إلى المكتبة: ما تكتبه محفوظ هنا وسيُحفظ فيها فور عودة الاتصال (تُعاد المحاولة كل بضع ثوانٍ).</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>أعد المحاولة الآن</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>انقطع الاتصال</translation>
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <source>Bold</source>
        <translation>عريض</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>مائل</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>رابط…</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>فقرة</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>عنوان 2</translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation>عنوان 3</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>قائمة نقطية</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>قائمة مرقمة</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <source>Save a revision</source>
        <translation>احفظ مراجعة</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>بحث…</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>استبدال…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>البحث عن التالي</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>البحث عن السابق</translation>
    </message>
    <message>
        <source>Revision history…</source>
        <translation>سجل المراجعات…</translation>
    </message>
</context>
<context>
    <name>EditorChecks</name>
    <message>
        <source>(spelling is off: %1)</source>
        <translation>(التدقيق الإملائي معطل: %1)</translation>
    </message>
    <message>
        <source>The text has changed since it was checked; checking again</source>
        <translation>تغير النص بعد تدقيقه؛ يعاد التدقيق</translation>
    </message>
    <message>
        <source>(no suggestions)</source>
        <translation>(لا اقتراحات)</translation>
    </message>
    <message>
        <source>Add to dictionary</source>
        <translation>أضف إلى القاموس</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>تصحيح</translation>
    </message>
</context>
<context>
    <name>ExportChecksRow</name>
    <message>
        <source>Review…</source>
        <translation>مراجعة…</translation>
    </message>
    <message>
        <source>Checking the stories&apos; writing…</source>
        <translation>جار تدقيق كتابة الأخبار…</translation>
    </message>
    <message>
        <source>Checking the stories&apos; writing… %1 of %2</source>
        <translation>جار تدقيق كتابة الأخبار… %1 من %2</translation>
    </message>
    <message>
        <source>The writing checks could not run: %1</source>
        <translation>تعذر تشغيل التدقيق: %1</translation>
    </message>
    <message>
        <source>No findings in the %1 stories to export</source>
        <translation>لا ملاحظات في الأخبار المصدرة (%1)</translation>
    </message>
    <message>
        <source>%1 of the %2 stories to export have findings</source>
        <translation>في %1 من %2 خبرا للتصدير ملاحظات</translation>
    </message>
    <message>
        <source>Writing checks</source>
        <translation>تدقيق الكتابة</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>القواعد</translation>
    </message>
    <message>
        <source>Open a story in the editor to see its findings in the Checks pane.</source>
        <translation>افتح الخبر في المحرر لترى ملاحظاته في لوحة التدقيق.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>A folder, or a file ending in .zip</source>
        <translation>مجلد، أو ملف ينتهي بـ ‎.zip</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>مجلد…</translation>
    </message>
    <message>
        <source>Zip file…</source>
        <translation>ملف zip…</translation>
    </message>
    <message>
        <source>Every published article</source>
        <translation>كل المقالات المنشورة</translation>
    </message>
    <message>
        <source>The current section: %1</source>
        <translation>القسم الحالي: %1</translation>
    </message>
    <message>
        <source>The current article: %1</source>
        <translation>المقالة الحالية: %1</translation>
    </message>
    <message>
        <source>Where the site is served: canonical, feed and sitemap addresses become absolute. Kept in the library.</source>
        <translation>عنوان الموقع على الشبكة: تصبح به عناوين الصفحات الأصلية والخلاصة وخريطة الموقع كاملة. يحفظ في المكتبة.</translation>
    </message>
    <message>
        <source>Export to:</source>
        <translation>التصدير إلى:</translation>
    </message>
    <message>
        <source>Articles:</source>
        <translation>المقالات:</translation>
    </message>
    <message>
        <source>Site address:</source>
        <translation>عنوان الموقع:</translation>
    </message>
    <message>
        <source>Writing checks:</source>
        <translation>تدقيق الكتابة:</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>إلغاء التصدير</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>افتح في المتصفح</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>تصدير إلى مجلد</translation>
    </message>
    <message>
        <source>Export to zip file</source>
        <translation>تصدير إلى ملف zip</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>ملفات zip ‏(*.zip)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>Exported %1 articles (%2 article pages) to %3.</source>
        <translation>صُدّرت %1 مقالة (%2 صفحة مقالات) إلى %3.</translation>
    </message>
    <message>
        <source>%1 files written, %2 unchanged, %3 photos encoded, in %4 s.</source>
        <translation>كُتب %1 ملفًا، وبقي %2 دون تغيير، ورُمّزت %3 صورة، في %4 ثانية.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <source>The export was cancelled; the previous bundle is untouched.</source>
        <translation>أُلغي التصدير؛ وبقيت الحزمة السابقة كما هي.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (ignores tashkeel and hamza forms)</source>
        <translation>بحث (يتجاهل التشكيل وصور الهمزة)</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>استبدال بـ</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>استبدال</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>استبدال الكل</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>كل الصيغ</translation>
    </message>
    <message>
        <source>Also find the word with و ف ب ك ل ال before it and suffixes after it</source>
        <translation>يجد الكلمة أيضًا وقد سبقتها و ف ب ك ل ال ولحقتها اللواحق</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>إغلاق شريط البحث</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>وُجد {count}</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>غير موجود</translation>
    </message>
    <message>
        <source>{index} of {count}</source>
        <translation>{index} من {count}</translation>
    </message>
    <message>
        <source>{count} replaced</source>
        <translation>استُبدل {count}</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation>العنوان الفرعي</translation>
    </message>
    <message>
        <source>Dateline</source>
        <translation>الدلالة المكانية</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>المتن</translation>
    </message>
    <message>
        <source>Caption %1</source>
        <translation>تعليق الصورة %1</translation>
    </message>
</context>
<context>
    <name>FocusPreview</name>
    <message>
        <source>Focal point</source>
        <translation>نقطة التركيز</translation>
    </message>
    <message>
        <source>Click the photo where its crops should be centred</source>
        <translation>انقر على الصورة حيث يجب أن تتوسط قصاصاتها</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>لا معاينة</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Add photos…</source>
        <translation>إضافة صور…</translation>
    </message>
    <message>
        <source>Set credit…</source>
        <translation>تعيين حقوق الصور…</translation>
    </message>
    <message>
        <source>Caption template…</source>
        <translation>قالب التعليق…</translation>
    </message>
    <message>
        <source>Remove from story</source>
        <translation>إزالة من القصة</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>تقديم</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>تأخير</translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl + wheel)</source>
        <translation>حجم المصغرات (Ctrl + عجلة الفأرة)</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>حجم الصور المصغرة</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Adding photos: %v of %m</source>
        <translation>إضافة الصور: %v من %m</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation>تحرير التعليق</translation>
    </message>
    <message>
        <source>Edit photo</source>
        <translation>تحرير الصورة</translation>
    </message>
    <message>
        <source>Set focal point</source>
        <translation>تعيين نقطة التركيز</translation>
    </message>
    <message>
        <source>Clear focal point</source>
        <translation>إزالة نقطة التركيز</translation>
    </message>
    <message>
        <source>Reorder photos</source>
        <translation>إعادة ترتيب الصور</translation>
    </message>
    <message>
        <source>Set credit</source>
        <translation>تعيين حقوق الصور</translation>
    </message>
    <message>
        <source>Caption template</source>
        <translation>قالب التعليق</translation>
    </message>
    <message>
        <source>Remove photos</source>
        <translation>إزالة الصور</translation>
    </message>
    <message>
        <source>Credit for the selected photos:</source>
        <translation>حقوق الصور المحددة:</translation>
    </message>
    <message>
        <source>Caption for the selected photos; variables: %1</source>
        <translation>تعليق الصور المحددة؛ المتغيرات: %1</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>إضافة صور</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>الصور (%1)</translation>
    </message>
    <message>
        <source>The photos could not be added: %1</source>
        <translation>تعذرت إضافة الصور: %1</translation>
    </message>
    <message numerus="yes">
        <source>Add %n photo(s)</source>
        <translation>
            <numerusform>إضافة %n صورة</numerusform>
            <numerusform>إضافة صورة</numerusform>
            <numerusform>إضافة صورتين</numerusform>
            <numerusform>إضافة %n صور</numerusform>
            <numerusform>إضافة %n صورة</numerusform>
            <numerusform>إضافة %n صورة</numerusform>
        </translation>
    </message>
    <message>
        <source>Some files were not added</source>
        <translation>لم تُضف بعض الملفات</translation>
    </message>
    <message>
        <source>%1 added, %2 not added.</source>
        <translation>أُضيف %1، ولم يُضف %2.</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>معرض الصور</translation>
    </message>
    <message>
        <source>Edit together…</source>
        <translation>تحرير معًا…</translation>
    </message>
    <message>
        <source>Copy caption fields</source>
        <translation>نسخ حقول التعليق</translation>
    </message>
    <message>
        <source>Paste caption fields</source>
        <translation>لصق حقول التعليق</translation>
    </message>
    <message>
        <source>Turn left</source>
        <translation>تدوير لليسار</translation>
    </message>
    <message>
        <source>Turn right</source>
        <translation>تدوير لليمين</translation>
    </message>
    <message>
        <source>Edit photos together</source>
        <translation>تحرير الصور معًا</translation>
    </message>
    <message>
        <source>Turn photos</source>
        <translation>تدوير الصور</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Photos of the article</source>
        <translation>صور المقالة</translation>
    </message>
    <message>
        <source>No photos yet. Drop photos or folders here from a card, a camera or the wire, paste files copied in a file manager, or use Add photos (Ctrl+Shift+I).</source>
        <translation>لا صور بعد. أفلت هنا صورًا أو مجلدات من بطاقة أو كاميرا أو من الوكالة، أو الصق ملفات نسختها في مدير الملفات، أو استخدم «إضافة صور» (Ctrl+Shift+I).</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Centre the crops</source>
        <translation>توسيط القصاصات</translation>
    </message>
    <message>
        <source>Forget the focal point: the crops are centred on the photo</source>
        <translation>نسيان نقطة التركيز: تتوسط القصاصات الصورة</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>النص البديل</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>الحقوق</translation>
    </message>
    <message>
        <source>Wire slug</source>
        <translation>تعليق الوكالة</translation>
    </message>
    <message>
        <source>From the file</source>
        <translation>من الملف</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>المصور</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>City</source>
        <translation>المدينة</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>الكلمات المفتاحية</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>تاريخ الالتقاط</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
</context>
<context>
    <name>LiveBar</name>
    <message>
        <source>Reload</source>
        <translation>إعادة التحميل</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>مقارنة</translation>
    </message>
    <message>
        <source>Changed by %1 at %2</source>
        <translation>غيّره %1 في %2</translation>
    </message>
    <message>
        <source>Being edited by %1</source>
        <translation>يحرره الآن %1</translation>
    </message>
</context>
<context>
    <name>LiveLink</name>
    <message>
        <source>The article list could not be read: %1</source>
        <translation>تعذّرت قراءة قائمة المقالات: %1</translation>
    </message>
    <message>
        <source>Opened (version %1)</source>
        <translation>عند الفتح (النسخة %1)</translation>
    </message>
    <message>
        <source>Now in the library (version %1)</source>
        <translation>الآن في المكتبة (النسخة %1)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Editorial Workstation</source>
        <translation>محطة التحرير</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>المقالة</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>مقالة &amp;جديدة</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>D&amp;uplicate article</source>
        <translation>&amp;نسخ المقالة</translation>
    </message>
    <message>
        <source>&amp;Delete (move to trash)</source>
        <translation>&amp;حذف (إلى سلة المحذوفات)</translation>
    </message>
    <message>
        <source>&amp;Search the library</source>
        <translation>ال&amp;بحث في المكتبة</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>ن&amp;شر…</translation>
    </message>
    <message>
        <source>&amp;Move to section…</source>
        <translation>&amp;نقل إلى قسم…</translation>
    </message>
    <message>
        <source>R&amp;estore from trash</source>
        <translation>است&amp;عادة من سلة المحذوفات</translation>
    </message>
    <message>
        <source>Show &amp;trash</source>
        <translation>عرض &amp;سلة المحذوفات</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;حول محطة التحرير</translation>
    </message>
    <message>
        <source>&amp;Captioning mode</source>
        <translation>وضع ك&amp;تابة التعليقات</translation>
    </message>
    <message>
        <source>&amp;Code replacements…</source>
        <translation>ر&amp;موز الاستبدال…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
    <message>
        <source>The open article could not be saved; it stays open.</source>
        <translation>تعذر حفظ المقالة المفتوحة؛ ستبقى مفتوحة.</translation>
    </message>
    <message numerus="yes">
        <source>Copy %n photo(s)</source>
        <translation>
            <numerusform>نسخ %n صورة</numerusform>
            <numerusform>نسخ %n صورة</numerusform>
            <numerusform>نسخ %n صورة</numerusform>
            <numerusform>نسخ %n صورة</numerusform>
            <numerusform>نسخ %n صورة</numerusform>
            <numerusform>نسخ %n صورة</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message numerus="yes">
        <source>%n section(s)</source>
        <translation>
            <numerusform>%n قسم</numerusform>
            <numerusform>قسم واحد</numerusform>
            <numerusform>قسمان</numerusform>
            <numerusform>%n أقسام</numerusform>
            <numerusform>%n قسمًا</numerusform>
            <numerusform>%n قسم</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n مقالة</numerusform>
            <numerusform>مقالة واحدة</numerusform>
            <numerusform>مقالتان</numerusform>
            <numerusform>%n مقالات</numerusform>
            <numerusform>%n مقالة</numerusform>
            <numerusform>%n مقالة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the trash</source>
        <translation>
            <numerusform>%n في سلة المحذوفات</numerusform>
            <numerusform>%n في سلة المحذوفات</numerusform>
            <numerusform>%n في سلة المحذوفات</numerusform>
            <numerusform>%n في سلة المحذوفات</numerusform>
            <numerusform>%n في سلة المحذوفات</numerusform>
            <numerusform>%n في سلة المحذوفات</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>نتائج البحث: %n</numerusform>
            <numerusform>نتائج البحث: %n</numerusform>
            <numerusform>نتائج البحث: %n</numerusform>
            <numerusform>نتائج البحث: %n</numerusform>
            <numerusform>نتائج البحث: %n</numerusform>
            <numerusform>نتائج البحث: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in this section</source>
        <translation>
            <numerusform>%n في هذا القسم</numerusform>
            <numerusform>%n في هذا القسم</numerusform>
            <numerusform>%n في هذا القسم</numerusform>
            <numerusform>%n في هذا القسم</numerusform>
            <numerusform>%n في هذا القسم</numerusform>
            <numerusform>%n في هذا القسم</numerusform>
        </translation>
    </message>
    <message>
        <source>The open article could not be saved; the language was not changed.</source>
        <translation>تعذر حفظ المقالة المفتوحة؛ لم تتغير اللغة.</translation>
    </message>
    <message>
        <source>The open article could not be saved. Close anyway and lose the unsaved changes?</source>
        <translation>تعذر حفظ المقالة المفتوحة. هل تغلق البرنامج رغم ذلك وتفقد التغييرات غير المحفوظة؟</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish</source>
        <translation>نشر</translation>
    </message>
    <message>
        <source>or a folder</source>
        <translation>أو مجلد</translation>
    </message>
    <message>
        <source>the SSH agent or ~/.ssh</source>
        <translation>وكيل SSH أو ‎~/.ssh</translation>
    </message>
    <message>
        <source>Key file…</source>
        <translation>ملف المفتاح…</translation>
    </message>
    <message>
        <source>Save target</source>
        <translation>حفظ الوجهة</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Delete from the server the files that left the bundle</source>
        <translation>حذف الملفات التي خرجت من الحزمة من الخادم</translation>
    </message>
    <message>
        <source>Saved targets:</source>
        <translation>الوجهات المحفوظة:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>النشر إلى:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>المفتاح:</translation>
    </message>
    <message>
        <source>Known hosts:</source>
        <translation>الخوادم المعروفة:</translation>
    </message>
    <message>
        <source>Writing checks:</source>
        <translation>تدقيق الكتابة:</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>ما سيتغير</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Publish log</source>
        <translation>سجل النشر</translation>
    </message>
    <message>
        <source>Cancel publish</source>
        <translation>إلغاء النشر</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>المفتاح الخاص</translation>
    </message>
    <message>
        <source>A target needs an address to publish to.</source>
        <translation>تحتاج الوجهة إلى عنوان للنشر إليه.</translation>
    </message>
    <message>
        <source>Looking at the server…</source>
        <translation>جارٍ فحص الخادم…</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>جارٍ النشر…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>%1 of %2 files, %3 of %4 MB</source>
        <translation>%1 من %2 ملفًا، %3 من %4 ميغابايت</translation>
    </message>
    <message>
        <source>%1 files (%2 MB) to send, %3 to delete, %4 unchanged.</source>
        <translation>%1 ملفًا (%2 ميغابايت) للإرسال، %3 للحذف، %4 دون تغيير.</translation>
    </message>
    <message>
        <source>The server is up to date: nothing to send.</source>
        <translation>الخادم محدّث: لا شيء للإرسال.</translation>
    </message>
    <message>
        <source>Sent %1 files (%2 MB), deleted %3, %4 unchanged.</source>
        <translation>أُرسل %1 ملفًا (%2 ميغابايت)، وحُذف %3، و%4 دون تغيير.</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>الأخبار</translation>
    </message>
    <message>
        <source>Section pages and the home page</source>
        <translation>صفحات الأقسام والصفحة الأولى</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <source>Feeds, sitemap and manifest</source>
        <translation>الخلاصات وخريطة الموقع والبيان</translation>
    </message>
    <message>
        <source>Style sheets and fonts</source>
        <translation>أوراق الأنماط والخطوط</translation>
    </message>
    <message>
        <source>To delete (%1)</source>
        <translation>للحذف (%1)</translation>
    </message>
    <message>
        <source>The publish failed: %1</source>
        <translation>فشل النشر: %1</translation>
    </message>
    <message>
        <source>The server&apos;s key has changed</source>
        <translation>تغيّر مفتاح الخادم</translation>
    </message>
    <message>
        <source>This server is not known yet. Its key&apos;s fingerprint is

%1

Compare it with the one your server administrator gives you. Trust this key?</source>
        <translation>هذا الخادم غير معروف بعد. بصمة مفتاحه هي

%1

قارنها بالبصمة التي يعطيك إياها مدير الخادم. هل تثق بهذا المفتاح؟</translation>
    </message>
    <message>
        <source>Unknown server</source>
        <translation>خادم غير معروف</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>عبارة مرور المفتاح</translation>
    </message>
    <message>
        <source>Keep it in the system keyring</source>
        <translation>احفظها في سلسلة مفاتيح النظام</translation>
    </message>
    <message>
        <source>The publish was cancelled after %1 files; the site holds whole files only, and the next publish finishes the job.</source>
        <translation>أُلغي النشر بعد %1 ملفًا؛ لا يحوي الموقع إلا ملفات كاملة، وسيُكمل النشر التالي المهمة.</translation>
    </message>
</context>
<context>
    <name>PublishHistoryView</name>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>إلى أين</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>أُرسل</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>حُذف</translation>
    </message>
    <message>
        <source>Stories</source>
        <translation>الأخبار</translation>
    </message>
    <message>
        <source> (some files failed)</source>
        <translation> (فشلت بعض الملفات)</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (أُلغي)</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Related articles</source>
        <translation>مقالات ذات صلة</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>إضافة…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
</context>
<context>
    <name>RelatedSearchDialog</name>
    <message>
        <source>Add related articles</source>
        <translation>إضافة مقالات ذات صلة</translation>
    </message>
    <message>
        <source>Search headlines and text, or type a document id</source>
        <translation>ابحث في العناوين والنصوص، أو اكتب رقم المقالة</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Search failed: {reason}</source>
        <translation>تعذر البحث: {reason}</translation>
    </message>
    <message>
        <source>No article found.</source>
        <translation>لم يُعثر على أي مقالة.</translation>
    </message>
</context>
<context>
    <name>RevisionHistory</name>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهزة</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منشورة</translation>
    </message>
    <message>
        <source>restored from version {version}</source>
        <translation>مستعادة من النسخة {version}</translation>
    </message>
    <message>
        <source>created</source>
        <translation>أُنشئت</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>حُفظت</translation>
    </message>
    <message>
        <source>status changed</source>
        <translation>تغيّرت الحالة</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>قبل الاستعادة</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>مستوردة</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>قبل الاستيراد</translation>
    </message>
    <message>
        <source>import canceled</source>
        <translation>أُلغي الاستيراد</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Subheadline</source>
        <translation>العنوان الفرعي</translation>
    </message>
    <message>
        <source>Dateline city</source>
        <translation>مدينة سطر التاريخ</translation>
    </message>
    <message>
        <source>Dateline time</source>
        <translation>وقت سطر التاريخ</translation>
    </message>
    <message>
        <source>Dateline agency</source>
        <translation>وكالة سطر التاريخ</translation>
    </message>
    <message>
        <source>Byline</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <source>Source title</source>
        <translation>العنوان بلغة المصدر</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>الكلمات المفتاحية</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Restoring version {version} makes these changes:</source>
        <translation>استعادة النسخة {version} تُحدث هذه التغييرات:</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>… and {count} more paragraphs</source>
        <translation>… و{count} فقرات أخرى</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>تُحذف</translation>
    </message>
    <message>
        <source>added</source>
        <translation>تُضاف</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>مقالات ذات صلة</translation>
    </message>
    <message>
        <source>The text as it is now is kept as a revision, and Undo takes the restore back.</source>
        <translation>يُحفظ النص الحالي مراجعةً، ويلغي التراجع الاستعادة.</translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation>سجل المراجعات</translation>
    </message>
    <message>
        <source>Restore version {version}</source>
        <translation>استعادة النسخة {version}</translation>
    </message>
    <message>
        <source>Version {version} is the text as it is now.</source>
        <translation>النسخة {version} هي النص كما هو الآن.</translation>
    </message>
</context>
<context>
    <name>RevisionHistoryDialog</name>
    <message>
        <source>Revision history</source>
        <translation>سجل المراجعات</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>المراجعات</translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation>استعادة هذه المراجعة</translation>
    </message>
    <message>
        <source>Restoring keeps the current text as a revision too, so nothing is lost.</source>
        <translation>تحفظ الاستعادة النص الحالي كمراجعة أيضًا، فلا يضيع شيء.</translation>
    </message>
</context>
<context>
    <name>SectionDialog</name>
    <message>
        <source>New section</source>
        <translation>قسم جديد</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Slug (Latin letters, digits, hyphens):</source>
        <translation>المعرّف في الروابط (حروف لاتينية وأرقام وشرطات):</translation>
    </message>
</context>
<context>
    <name>SectionTreeModel</name>
    <message>
        <source>Section</source>
        <translation>القسم</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>Rename section</source>
        <translation>إعادة تسمية القسم</translation>
    </message>
    <message numerus="yes">
        <source>Move %n article(s)</source>
        <translation>
            <numerusform>نقل %n مقالة</numerusform>
            <numerusform>نقل مقالة</numerusform>
            <numerusform>نقل مقالتين</numerusform>
            <numerusform>نقل %n مقالات</numerusform>
            <numerusform>نقل %n مقالة</numerusform>
            <numerusform>نقل %n مقالة</numerusform>
        </translation>
    </message>
    <message>
        <source>Move section</source>
        <translation>نقل القسم</translation>
    </message>
    <message>
        <source>Add section</source>
        <translation>إضافة قسم</translation>
    </message>
    <message>
        <source>Delete section</source>
        <translation>حذف القسم</translation>
    </message>
</context>
<context>
    <name>SectionTreeView</name>
    <message>
        <source>Sections</source>
        <translation>الأقسام</translation>
    </message>
    <message>
        <source>New section…</source>
        <translation>قسم جديد…</translation>
    </message>
    <message>
        <source>New sub-section…</source>
        <translation>قسم فرعي جديد…</translation>
    </message>
    <message>
        <source>Rename section</source>
        <translation>إعادة تسمية القسم</translation>
    </message>
    <message>
        <source>Delete section…</source>
        <translation>حذف القسم…</translation>
    </message>
    <message numerus="yes">
        <source>The section holds %n article(s). Move them to:</source>
        <translation>
            <numerusform>في القسم %n مقالة. انقلها إلى:</numerusform>
            <numerusform>في القسم مقالة واحدة. انقلها إلى:</numerusform>
            <numerusform>في القسم مقالتان. انقلهما إلى:</numerusform>
            <numerusform>في القسم %n مقالات. انقلها إلى:</numerusform>
            <numerusform>في القسم %n مقالة. انقلها إلى:</numerusform>
            <numerusform>في القسم %n مقالة. انقلها إلى:</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete section</source>
        <translation>حذف القسم</translation>
    </message>
</context>
<context>
    <name>ServerPasswordDialog</name>
    <message>
        <source>Library server password</source>
        <translation>كلمة سر خادم المكتبة</translation>
    </message>
    <message>
        <source>The library server needs a password for this account.</source>
        <translation>يطلب خادم المكتبة كلمة سر لهذا الحساب.</translation>
    </message>
    <message>
        <source>The library server refused the password: type it again.</source>
        <translation>رفض خادم المكتبة كلمة السر: اكتبها مرة أخرى.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة السر</translation>
    </message>
    <message>
        <source>Remember in the keyring</source>
        <translation>احفظها في سلسلة مفاتيح النظام</translation>
    </message>
    <message>
        <source>The system keyring keeps it; the next start asks no more.</source>
        <translation>تحفظها سلسلة مفاتيح النظام، فلا تُطلب عند التشغيل التالي.</translation>
    </message>
    <message>
        <source>Library:</source>
        <translation>المكتبة:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>كلمة السر:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>اتصال</translation>
    </message>
</context>
<context>
    <name>ShortcutTableModel</name>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>The code &apos;%1&apos; is already in the list.</source>
        <translation>الرمز &apos;%1&apos; موجود في القائمة.</translation>
    </message>
    <message>
        <source>Code replacements</source>
        <translation>رموز الاستبدال</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Code replacements</source>
        <translation>رموز الاستبدال</translation>
    </message>
    <message>
        <source>Search codes and texts…</source>
        <translation>ابحث في الرموز والنصوص…</translation>
    </message>
    <message>
        <source>Search codes and texts</source>
        <translation>البحث في الرموز والنصوص</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>&amp;Import TSV…</source>
        <translation>ا&amp;ستيراد TSV…</translation>
    </message>
    <message>
        <source>E&amp;xport TSV…</source>
        <translation>ت&amp;صدير TSV…</translation>
    </message>
    <message>
        <source>Import codes</source>
        <translation>استيراد الرموز</translation>
    </message>
    <message>
        <source>TSV (*.tsv *.txt)</source>
        <translation>ملفات TSV (*.tsv *.txt)</translation>
    </message>
    <message>
        <source>%1 codes stored; these lines were refused:</source>
        <translation>حُفظ %1 رمزًا؛ ورُفضت هذه الأسطر:</translation>
    </message>
    <message>
        <source>Export codes</source>
        <translation>تصدير الرموز</translation>
    </message>
</context>
<context>
    <name>WireWatch</name>
    <message>
        <source>Wire folder unavailable: %1</source>
        <translation>مجلد الوكالات غير متاح: %1</translation>
    </message>
    <message>
        <source>Wire folder stopped: %1</source>
        <translation>توقفت مراقبة مجلد الوكالات: %1</translation>
    </message>
    <message>
        <source>Wire: stopped</source>
        <translation>الوكالات: متوقفة</translation>
    </message>
    <message>
        <source>Wire: off</source>
        <translation>الوكالات: معطلة</translation>
    </message>
    <message>
        <source>No wire folder is watched</source>
        <translation>لا يُراقَب أي مجلد للوكالات</translation>
    </message>
    <message>
        <source>Wire: %1</source>
        <translation>الوكالات: %1</translation>
    </message>
    <message>
        <source>Watch a wire folder…</source>
        <translation>مراقبة مجلد للوكالات…</translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>إيقاف المراقبة</translation>
    </message>
    <message>
        <source>Wire folder</source>
        <translation>مجلد الوكالات</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <source>Editorial Workstation</source>
        <translation>محطة التحرير</translation>
    </message>
    <message>
        <source>The keyring could not keep the password ({reason}).</source>
        <translation>تعذّر حفظ كلمة السر في سلسلة مفاتيح النظام ({reason}).</translation>
    </message>
    <message>
        <source>Preparing the library for search…</source>
        <translation>تهيئة المكتبة للبحث…</translation>
    </message>
</context>
</TS>
