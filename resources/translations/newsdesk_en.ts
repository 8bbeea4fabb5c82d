<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>FindReplaceBar</name>
    <message numerus="yes">
        <source>Replaced %n time(s).</source>
        <translation>
            <numerusform>Replaced %n time.</numerusform>
            <numerusform>Replaced %n times.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Back in touch with the team library: %n change(s) by %1 while this desk was not listening; the lists show them.</source>
        <translation>
            <numerusform>Back in touch with the team library: %n change by %1 while this desk was not listening; the lists show it.</numerusform>
            <numerusform>Back in touch with the team library: %n changes by %1 while this desk was not listening; the lists show them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s).</source>
        <translation>
            <numerusform>Added %n photo.</numerusform>
            <numerusform>Added %n photos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) added. Some files need attention:</source>
        <translation>
            <numerusform>%n photo added. Some files need attention:</numerusform>
            <numerusform>%n photos added. Some files need attention:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Converted %n mark(s).</source>
        <translation>
            <numerusform>Converted %n mark.</numerusform>
            <numerusform>Converted %n marks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApplyTemplateDialog</name>
    <message numerus="yes">
        <source>&amp;Apply to %n Photo(s)</source>
        <translation>
            <numerusform>&amp;Apply to %n Photo</numerusform>
            <numerusform>&amp;Apply to %n Photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message numerus="yes">
        <source>%1 of %n caption(s) approved</source>
        <translation>
            <numerusform>%1 of %n caption approved</numerusform>
            <numerusform>%1 of %n captions approved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) selected. Fields that differ show “%1” and stay as they are unless you type in them; Apply sets what you typed on every one.</source>
        <translation>
            <numerusform>%n photo selected. Fields that differ show “%1” and stay as they are unless you type in them; Apply sets what you typed on every one.</numerusform>
            <numerusform>%n photos selected. Fields that differ show “%1” and stay as they are unless you type in them; Apply sets what you typed on every one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Apply to %n Photo(s)</source>
        <translation>
            <numerusform>&amp;Apply to %n Photo</numerusform>
            <numerusform>&amp;Apply to %n Photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit %n Photo(s)</source>
        <translation>
            <numerusform>Edit %n Photo</numerusform>
            <numerusform>Edit %n Photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n Photo(s)</source>
        <translation>
            <numerusform>Move %n Photo</numerusform>
            <numerusform>Move %n Photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoForm</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoImporter</name>
    <message numerus="yes">
        <source>Import cancelled; %n photo(s) had been added.</source>
        <translation>
            <numerusform>Import cancelled; %n photo had been added.</numerusform>
            <numerusform>Import cancelled; %n photos had been added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n word(s) added</source>
        <translation>
            <numerusform>%n word added</numerusform>
            <numerusform>%n words added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) removed</source>
        <translation>
            <numerusform>%n word removed</numerusform>
            <numerusform>%n words removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoryCommands</name>
    <message numerus="yes">
        <source>exported despite %n blocking reason(s); the override is recorded.</source>
        <translation>
            <numerusform>exported despite %n blocking reason; the override is recorded.</numerusform>
            <numerusform>exported despite %n blocking reasons; the override is recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported story %1 (%2) with %n photo(s)</source>
        <translation>
            <numerusform>imported story %1 (%2) with %n photo</numerusform>
            <numerusform>imported story %1 (%2) with %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextSafety</name>
    <message numerus="yes">
        <source>%n control character(s) removed</source>
        <translation>
            <numerusform>%n control character removed</numerusform>
            <numerusform>%n control characters removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n broken character(s) replaced by U+FFFD</source>
        <translation>
            <numerusform>%n broken character replaced by U+FFFD</numerusform>
            <numerusform>%n broken characters replaced by U+FFFD</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line break(s) replaced by space(s)</source>
        <translation>
            <numerusform>%n line break replaced by a space</numerusform>
            <numerusform>%n line breaks replaced by spaces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Virin</name>
    <message numerus="yes">
        <source>The VISION ID has 5 characters (2 letters and 3 digits, like PM193), not %n (&quot;%1&quot;).</source>
        <translation>
            <numerusform>The VISION ID has 5 characters (2 letters and 3 digits, like PM193), not %n (&quot;%1&quot;).</numerusform>
            <numerusform>The VISION ID has 5 characters (2 letters and 3 digits, like PM193), not %n (&quot;%1&quot;).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sequence has 4 digits (scene, then order acquired: 1001), not %n.</source>
        <translation>
            <numerusform>The sequence has 4 digits (scene, then order acquired: 1001), not %n.</numerusform>
            <numerusform>The sequence has 4 digits (scene, then order acquired: 1001), not %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowController</name>
    <message numerus="yes">
        <source>%n story(s)</source>
        <translation>
            <numerusform>%n story</numerusform>
            <numerusform>%n stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n caption(s)</source>
        <translation>
            <numerusform>%n caption</numerusform>
            <numerusform>%n captions</numerusform>
        </translation>
    </message>
</context>
</TS>
