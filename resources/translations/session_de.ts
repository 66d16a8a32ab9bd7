<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ScanPages</name>
    <message>
        <source>The list could not be read: {problem}</source>
        <translation>Die Liste konnte nicht gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>You are looking at earlier scans; the newest are below.</source>
        <translation>Sie sehen frühere Scans; die neuesten stehen weiter unten.</translation>
    </message>
    <message>
        <source>You are looking at earlier scans; the newest are below ({count} recorded since).</source>
        <translation>Sie sehen frühere Scans; die neuesten stehen weiter unten ({count} seitdem erfasst).</translation>
    </message>
    <message>
        <source>Reading the scans…</source>
        <translation>Die Scans werden gelesen…</translation>
    </message>
</context>
</TS>
