<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Moved {done} of {count} items.</source>
        <translation>{done} von {count} Artikeln verschoben.</translation>
    </message>
    <message>
        <source>Split {done} of {count} items.</source>
        <translation>{done} von {count} Artikeln aufgeteilt.</translation>
    </message>
    <message>
        <source>Archived {done} of {count} items.</source>
        <translation>{done} von {count} Artikeln archiviert.</translation>
    </message>
    <message>
        <source>Changed {done} of {count} items.</source>
        <translation>{done} von {count} Artikeln geändert.</translation>
    </message>
    <message>
        <source>Stopped on request; the rest were left as they were.</source>
        <translation>Auf Wunsch angehalten; die übrigen blieben unverändert.</translation>
    </message>
    <message>
        <source>{barcode} — {ingredient}, {quantity} at {location}</source>
        <translation>{barcode} — {ingredient}, {quantity} in {location}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>There is no action called {action}.</source>
        <translation>Es gibt keine Aktion namens {action}.</translation>
    </message>
    <message>
        <source>Select an inventory item first (unknown barcodes have no item to act on).</source>
        <translation>Wählen Sie zuerst einen Artikel aus (unbekannte Barcodes haben keinen Artikel, auf den eine Aktion wirken kann).</translation>
    </message>
    <message>
        <source>Select exactly one item to split ({count} are selected).</source>
        <translation>Wählen Sie genau einen Artikel zum Aufteilen aus ({count} sind ausgewählt).</translation>
    </message>
    <message>
        <source>Select exactly one item to change ({count} are selected).</source>
        <translation>Wählen Sie genau einen Artikel zum Ändern aus ({count} sind ausgewählt).</translation>
    </message>
    <message>
        <source>Reading {count} items…</source>
        <translation>{count} Artikel werden gelesen…</translation>
    </message>
</context>
<context>
    <name>Answers</name>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field}: {old} → {new}</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufgeteilt</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Nothing moved</source>
        <translation>Nichts verschoben</translation>
    </message>
    <message>
        <source>Nothing split</source>
        <translation>Nichts aufgeteilt</translation>
    </message>
    <message>
        <source>Nothing archived</source>
        <translation>Nichts archiviert</translation>
    </message>
    <message>
        <source>Nothing changed</source>
        <translation>Nichts geändert</translation>
    </message>
    <message>
        <source>Moved {count} items</source>
        <translation>{count} Artikel verschoben</translation>
    </message>
    <message>
        <source>Split {count} items</source>
        <translation>{count} Artikel aufgeteilt</translation>
    </message>
    <message>
        <source>Archived {count} items</source>
        <translation>{count} Artikel archiviert</translation>
    </message>
    <message>
        <source>Changed {count} items</source>
        <translation>{count} Artikel geändert</translation>
    </message>
    <message>
        <source>{count} item was not moved:</source>
        <translation>{count} Artikel wurde nicht verschoben:</translation>
    </message>
    <message>
        <source>{count} item was not split:</source>
        <translation>{count} Artikel wurde nicht aufgeteilt:</translation>
    </message>
    <message>
        <source>{count} item was not archived:</source>
        <translation>{count} Artikel wurde nicht archiviert:</translation>
    </message>
    <message>
        <source>{count} item was not changed:</source>
        <translation>{count} Artikel wurde nicht geändert:</translation>
    </message>
    <message>
        <source>{count} items were not moved:</source>
        <translation>{count} Artikel wurden nicht verschoben:</translation>
    </message>
    <message>
        <source>{count} items were not split:</source>
        <translation>{count} Artikel wurden nicht aufgeteilt:</translation>
    </message>
    <message>
        <source>{count} items were not archived:</source>
        <translation>{count} Artikel wurden nicht archiviert:</translation>
    </message>
    <message>
        <source>{count} items were not changed:</source>
        <translation>{count} Artikel wurden nicht geändert:</translation>
    </message>
    <message>
        <source>Split — label the new item</source>
        <translation>Aufgeteilt – neuen Artikel etikettieren</translation>
    </message>
    <message>
        <source>{quantity} split off {barcode} ({changes}), at {location}</source>
        <translation>{quantity} von {barcode} abgeteilt ({changes}), in {location}</translation>
    </message>
    <message>
        <source>{field} set</source>
        <translation>{field} festgelegt</translation>
    </message>
    <message>
        <source>to {location}</source>
        <translation>nach {location}</translation>
    </message>
    <message>
        <source>their history records the reason</source>
        <translation>ihr Verlauf hält den Grund fest</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Archive items</source>
        <translation>Artikel archivieren</translation>
    </message>
    <message>
        <source>Archive these {count} items? Archived items stay in the inventory history; nothing is deleted.</source>
        <translation>Diese {count} Artikel archivieren? Archivierte Artikel bleiben im Bestandsverlauf; nichts wird gelöscht.</translation>
    </message>
    <message>
        <source>Archive {count} items</source>
        <translation>{count} Artikel archivieren</translation>
    </message>
    <message>
        <source>Archive item</source>
        <translation>Artikel archivieren</translation>
    </message>
    <message>
        <source>Archive {item}? Archived items stay in the inventory history; nothing is deleted.</source>
        <translation>{item} archivieren? Archivierte Artikel bleiben im Bestandsverlauf; nichts wird gelöscht.</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Required: why is it archived?</source>
        <translation>Pflichtangabe: Warum wird archiviert?</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
</context>
<context>
    <name>ArchiveMissingDialog</name>
    <message>
        <source>Archive as missing</source>
        <translation>Als fehlend archivieren</translation>
    </message>
    <message>
        <source>Archive the selected item as missing? Items already archived are left as they are; nothing is deleted and each item&apos;s history records the reason.</source>
        <translation>Den ausgewählten Artikel als fehlend archivieren? Bereits archivierte Artikel bleiben, wie sie sind; nichts wird gelöscht, und der Verlauf jedes Artikels hält den Grund fest.</translation>
    </message>
    <message>
        <source>Archive the {count} selected items as missing? Items already archived are left as they are; nothing is deleted and each item&apos;s history records the reason.</source>
        <translation>Die {count} ausgewählten Artikel als fehlend archivieren? Bereits archivierte Artikel bleiben, wie sie sind; nichts wird gelöscht, und der Verlauf jedes Artikels hält den Grund fest.</translation>
    </message>
    <message>
        <source>Archive the item not scanned in this session as missing? Items already archived are left as they are; nothing is deleted and each item&apos;s history records the reason.</source>
        <translation>Den in dieser Sitzung nicht gescannten Artikel als fehlend archivieren? Bereits archivierte Artikel bleiben, wie sie sind; nichts wird gelöscht, und der Verlauf jedes Artikels hält den Grund fest.</translation>
    </message>
    <message>
        <source>Archive all {count} items not scanned in this session as missing? Items already archived are left as they are; nothing is deleted and each item&apos;s history records the reason.</source>
        <translation>Alle {count} in dieser Sitzung nicht gescannten Artikel als fehlend archivieren? Bereits archivierte Artikel bleiben, wie sie sind; nichts wird gelöscht, und der Verlauf jedes Artikels hält den Grund fest.</translation>
    </message>
    <message>
        <source>Required: e.g. not found on the shelf</source>
        <translation>Pflichtangabe: z. B. nicht im Regal gefunden</translation>
    </message>
    <message>
        <source>Archive {count} as missing</source>
        <translation>{count} als fehlend archivieren</translation>
    </message>
</context>
<context>
    <name>BatchLoad</name>
    <message>
        <source>Batch-scanner files (*.txt *.csv *.dat);;All files (*)</source>
        <translation>Batch-Scanner-Dateien (*.txt *.csv *.dat);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Batch file loaded — {program}</source>
        <translation>Batch-Datei geladen — {program}</translation>
    </message>
    <message>
        <source>{file} loaded</source>
        <translation>{file} geladen</translation>
    </message>
    <message>
        <source>Lines refused (left out) or noted:</source>
        <translation>Abgelehnte (ausgelassene) oder vermerkte Zeilen:</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>Keine Sitzung</translation>
    </message>
    <message>
        <source>Start or join a session first: a batch file loads into one.</source>
        <translation>Starten Sie zuerst eine Sitzung oder treten Sie einer bei: Eine Batch-Datei wird in eine Sitzung geladen.</translation>
    </message>
    <message>
        <source>Load Batch-Scanner File</source>
        <translation>Batch-Scanner-Datei laden</translation>
    </message>
    <message>
        <source>NOT LOADED</source>
        <translation>NICHT GELADEN</translation>
    </message>
    <message>
        <source>LOADING STOPPED</source>
        <translation>LADEN ANGEHALTEN</translation>
    </message>
    <message>
        <source>Loading {file} stopped</source>
        <translation>Laden von {file} angehalten</translation>
    </message>
    <message>
        <source>The lines loaded so far are recorded; load the file again to add the rest (nothing is recorded twice).</source>
        <translation>Die bisher geladenen Zeilen sind erfasst; laden Sie die Datei erneut, um den Rest hinzuzufügen (nichts wird doppelt erfasst).</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>{file} wird geladen…</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Expected scanned</source>
        <translation>Erwartet gescannt</translation>
    </message>
    <message>
        <source>Not in scope</source>
        <translation>Nicht im Umfang</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Wrong location</source>
        <translation>Falscher Lagerort</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>not-empty</source>
        <translation>nicht leer</translation>
    </message>
    <message>
        <source>between</source>
        <translation>zwischen</translation>
    </message>
    <message>
        <source>within</source>
        <translation>innerhalb</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Already scanned by {user} at {time} on {station}.</source>
        <translation>Bereits gescannt von {user} um {time} am Arbeitsplatz {station}.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>HistoryField</name>
    <message>
        <source>barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>ingredient_type</source>
        <translation>Inhaltsstofftyp</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
</context>
<context>
    <name>HistoryKind</name>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>verschoben</translation>
    </message>
    <message>
        <source>split</source>
        <translation>aufgeteilt</translation>
    </message>
    <message>
        <source>set</source>
        <translation>festgelegt</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>scanned</source>
        <translation>gescannt</translation>
    </message>
    <message>
        <source>scan-undone</source>
        <translation>Scan rückgängig</translation>
    </message>
    <message>
        <source>sealed</source>
        <translation>versiegelt</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;Excel workbook (*.xlsx);;CSV (*.csv *.txt)</source>
        <translation>Tabellen (*.xlsx *.csv *.txt);;Excel-Arbeitsmappe (*.xlsx);;CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Automatic (UTF-8, with or without BOM)</source>
        <translation>Automatisch (UTF-8, mit oder ohne BOM)</translation>
    </message>
    <message>
        <source>Windows Western (cp1252)</source>
        <translation>Windows Westeuropäisch (cp1252)</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <source>An .xlsx workbook (first sheet) or a .csv file with a header row. Barcode, Ingredient and Location (a path like Building 1/Room 101) are required.</source>
        <translation>Eine .xlsx-Arbeitsmappe (erstes Blatt) oder eine .csv-Datei mit Kopfzeile. Barcode, Inhaltsstoff und Lagerort (ein Pfad wie Gebäude 1/Raum 101) sind Pflicht.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>CSV encoding:</source>
        <translation>CSV-Zeichenkodierung:</translation>
    </message>
    <message>
        <source>Import inventory</source>
        <translation>Bestand importieren</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Die Datei wird gelesen…</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(nicht in der Datei)</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Columns were matched by their header names; choose the others. * marks a required field.</source>
        <translation>Spalten wurden anhand ihrer Überschriften zugeordnet; wählen Sie die übrigen. * kennzeichnet ein Pflichtfeld.</translation>
    </message>
    <message>
        <source>Detected delimiter: {delimiter}</source>
        <translation>Erkanntes Trennzeichen: {delimiter}</translation>
    </message>
    <message>
        <source>Excel workbook: first sheet.</source>
        <translation>Excel-Arbeitsmappe: erstes Blatt.</translation>
    </message>
    <message>
        <source>Choose the column for {fields}.</source>
        <translation>Wählen Sie die Spalte für {fields}.</translation>
    </message>
    <message>
        <source>The column {column} is chosen for two fields.</source>
        <translation>Die Spalte {column} ist für zwei Felder gewählt.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Jede Zeile wird geprüft…</translation>
    </message>
    <message>
        <source>Press Import to write it, all in one step.</source>
        <translation>Klicken Sie auf Importieren, um alles in einem Schritt zu schreiben.</translation>
    </message>
    <message>
        <source>Correct the file (or the column choices) and check it again.</source>
        <translation>Korrigieren Sie die Datei (oder die Spaltenzuordnung) und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Checking was cancelled; nothing was imported.</source>
        <translation>Die Prüfung wurde abgebrochen; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <source>Imported {file}: {new} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>{file} importiert: {new} neu, {updated} aktualisiert, {unchanged} unverändert.</translation>
    </message>
</context>
<context>
    <name>ItemChoiceDialog</name>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>In the listing</source>
        <translation>In der Liste</translation>
    </message>
    <message>
        <source>Which item is it?</source>
        <translation>Welcher Artikel ist es?</translation>
    </message>
    <message>
        <source>{barcode} is the code of {count} or more items; the scan is recorded once you choose which one it is (↑ ↓ and Enter; Esc records nothing).</source>
        <translation>{barcode} ist der Code von {count} oder mehr Artikeln; der Scan wird erfasst, sobald Sie wählen, welcher es ist (↑ ↓ und Eingabe; Esc erfasst nichts).</translation>
    </message>
    <message>
        <source>{barcode} is the code of {count} items; the scan is recorded once you choose which one it is (↑ ↓ and Enter; Esc records nothing).</source>
        <translation>{barcode} ist der Code von {count} Artikeln; der Scan wird erfasst, sobald Sie wählen, welcher es ist (↑ ↓ und Eingabe; Esc erfasst nichts).</translation>
    </message>
    <message>
        <source>The label says lot {lot}.</source>
        <translation>Das Etikett nennt Charge {lot}.</translation>
    </message>
    <message>
        <source>This one</source>
        <translation>Dieser</translation>
    </message>
    <message>
        <source>None (record nothing)</source>
        <translation>Keiner (nichts erfassen)</translation>
    </message>
</context>
<context>
    <name>ItemController</name>
    <message>
        <source>NOT MOVED</source>
        <translation>NICHT VERSCHOBEN</translation>
    </message>
    <message>
        <source>NOT PRINTED</source>
        <translation>NICHT GEDRUCKT</translation>
    </message>
    <message>
        <source>The list is empty: scan an item first.</source>
        <translation>Die Liste ist leer: Scannen Sie zuerst einen Artikel.</translation>
    </message>
    <message>
        <source>An unknown barcode has no item to act on: select its row alone and register it (Ctrl+N).</source>
        <translation>Ein unbekannter Barcode hat keinen Artikel für eine Aktion: Wählen Sie nur seine Zeile aus und registrieren Sie ihn (Strg+N).</translation>
    </message>
    <message>
        <source>A location or an undone scan has no item to act on; select an item.</source>
        <translation>Ein Lagerort oder ein rückgängig gemachter Scan hat keinen Artikel für eine Aktion; wählen Sie einen Artikel aus.</translation>
    </message>
    <message>
        <source>No item selected</source>
        <translation>Kein Artikel ausgewählt</translation>
    </message>
    <message>
        <source>Not an unknown barcode</source>
        <translation>Kein unbekannter Barcode</translation>
    </message>
    <message>
        <source>Only an unknown barcode&apos;s scan can be registered: select that row alone.</source>
        <translation>Nur der Scan eines unbekannten Barcodes kann registriert werden: Wählen Sie nur diese Zeile aus.</translation>
    </message>
    <message>
        <source>Select one item</source>
        <translation>Einen Artikel auswählen</translation>
    </message>
    <message>
        <source>Split acts on one item at a time.</source>
        <translation>Aufteilen wirkt jeweils auf einen Artikel.</translation>
    </message>
    <message>
        <source>Set acts on one item at a time.</source>
        <translation>Festlegen wirkt jeweils auf einen Artikel.</translation>
    </message>
    <message>
        <source>Details acts on one item at a time.</source>
        <translation>Details zeigt jeweils einen Artikel.</translation>
    </message>
</context>
<context>
    <name>ItemDetails</name>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <source>Last verified</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>session #{id}</source>
        <translation>Sitzung Nr. {id}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Inventory history:</source>
        <translation>Bestandsverlauf:</translation>
    </message>
    <message>
        <source>Print &amp;label…</source>
        <translation>&amp;Etikett drucken…</translation>
    </message>
    <message>
        <source>Print a label for this item</source>
        <translation>Ein Etikett für diesen Artikel drucken</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Item {barcode} — {ingredient}</source>
        <translation>Artikel {barcode} — {ingredient}</translation>
    </message>
    <message>
        <source>{quantity} at {location} · {status} · {lab} · 1 event in its history · times in {zone}</source>
        <translation>{quantity} in {location} · {status} · {lab} · 1 Ereignis im Verlauf · Zeiten in {zone}</translation>
    </message>
    <message>
        <source>{quantity} at {location} · {status} · {lab} · {count} events in its history · times in {zone}</source>
        <translation>{quantity} in {location} · {status} · {lab} · {count} Ereignisse im Verlauf · Zeiten in {zone}</translation>
    </message>
</context>
<context>
    <name>ItemLabels</name>
    <message>
        <source>The printer could not be opened; nothing was printed.</source>
        <translation>Der Drucker konnte nicht geöffnet werden; nichts wurde gedruckt.</translation>
    </message>
    <message>
        <source>label {barcode}.pdf</source>
        <translation>Etikett {barcode}.pdf</translation>
    </message>
    <message>
        <source>labels.pdf</source>
        <translation>Etiketten.pdf</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>Etikett drucken</translation>
    </message>
    <message>
        <source>Print {count} labels</source>
        <translation>{count} Etiketten drucken</translation>
    </message>
    <message>
        <source>The label went to {file}.</source>
        <translation>Das Etikett wurde in {file} gespeichert.</translation>
    </message>
    <message>
        <source>The {count} labels went to {file}.</source>
        <translation>Die {count} Etiketten wurden in {file} gespeichert.</translation>
    </message>
</context>
<context>
    <name>LabelAnswers</name>
    <message>
        <source>Which item?</source>
        <translation>Welcher Artikel?</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>NICHT ERFASST</translation>
    </message>
    <message>
        <source>{barcode} fits {count} items and none was chosen; nothing was recorded. Scan it again to choose.</source>
        <translation>{barcode} passt zu {count} Artikeln, und keiner wurde gewählt; nichts wurde erfasst. Scannen Sie ihn erneut, um zu wählen.</translation>
    </message>
    <message>
        <source>NOT UPDATED</source>
        <translation>NICHT AKTUALISIERT</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>Connection to the database server lost — scans are not being saved; retrying…</source>
        <translation>Verbindung zum Datenbankserver verloren – Scans werden nicht gespeichert; neuer Versuch läuft…</translation>
    </message>
    <message>
        <source>Connection to the database server lost — scans are kept on this PC and sent when it is back; keep scanning.</source>
        <translation>Verbindung zum Datenbankserver verloren – Scans werden auf diesem PC gespeichert und gesendet, sobald er wieder erreichbar ist; scannen Sie weiter.</translation>
    </message>
    <message>
        <source>Connection to the database server lost — 1 scan is kept on this PC and will be sent when it is back; keep scanning.</source>
        <translation>Verbindung zum Datenbankserver verloren – 1 Scan ist auf diesem PC gespeichert und wird gesendet, sobald er wieder erreichbar ist; scannen Sie weiter.</translation>
    </message>
    <message>
        <source>Connection to the database server lost — {count} scans are kept on this PC and will be sent when it is back; keep scanning.</source>
        <translation>Verbindung zum Datenbankserver verloren – {count} Scans sind auf diesem PC gespeichert und werden gesendet, sobald er wieder erreichbar ist; scannen Sie weiter.</translation>
    </message>
    <message>
        <source>The database server is back — sending 1 scan kept on this PC…</source>
        <translation>Der Datenbankserver ist wieder erreichbar – 1 auf diesem PC gespeicherter Scan wird gesendet…</translation>
    </message>
    <message>
        <source>The database server is back — sending {count} scans kept on this PC…</source>
        <translation>Der Datenbankserver ist wieder erreichbar – {count} auf diesem PC gespeicherte Scans werden gesendet…</translation>
    </message>
    <message>
        <source>{reason} {barcode} was not saved.</source>
        <translation>{reason} {barcode} wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>{reason} Nothing was undone.</source>
        <translation>{reason} Nichts wurde rückgängig gemacht.</translation>
    </message>
    <message>
        <source>{barcode} fits {count} items of the session shown before; nothing was recorded.</source>
        <translation>{barcode} passt zu {count} Artikeln der zuvor angezeigten Sitzung; nichts wurde erfasst.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Move items</source>
        <translation>Artikel verschieben</translation>
    </message>
    <message>
        <source>Move {count} items to one location.</source>
        <translation>{count} Artikel an einen Lagerort verschieben.</translation>
    </message>
    <message>
        <source>Move item</source>
        <translation>Artikel verschieben</translation>
    </message>
    <message>
        <source>Move {item}</source>
        <translation>{item} verschieben</translation>
    </message>
    <message>
        <source>Scan or type a location barcode or path, then Enter</source>
        <translation>Lagerort-Barcode oder Pfad scannen oder eingeben, dann Eingabetaste</translation>
    </message>
    <message>
        <source>Location &amp;barcode:</source>
        <translation>Lagerort-&amp;Barcode:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Or &amp;choose:</source>
        <translation>Oder &amp;auswählen:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>No location chosen yet.</source>
        <translation>Noch kein Lagerort gewählt.</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Nach:</translation>
    </message>
    <message>
        <source>{name} (current)</source>
        <translation>{name} (aktuell)</translation>
    </message>
</context>
<context>
    <name>PastSessions</name>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Registered: {tag}</source>
        <translation>Registriert: {tag}</translation>
    </message>
    <message>
        <source>Past Inventory Reconciliation Sessions</source>
        <translation>Frühere Inventurabgleiche</translation>
    </message>
    <message>
        <source>The ended sessions of your labs.</source>
        <translation>Die beendeten Sitzungen Ihrer Labore.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Reading past sessions…</source>
        <translation>Frühere Sitzungen werden gelesen…</translation>
    </message>
    <message>
        <source>1 ended session of your labs, newest first; each opens read-only. Times in {zone}.</source>
        <translation>1 beendete Sitzung Ihrer Labore, neueste zuerst; jede öffnet schreibgeschützt. Zeiten in {zone}.</translation>
    </message>
    <message>
        <source>{count} ended sessions of your labs, newest first; each opens read-only. Times in {zone}.</source>
        <translation>{count} beendete Sitzungen Ihrer Labore, neueste zuerst; jede öffnet schreibgeschützt. Zeiten in {zone}.</translation>
    </message>
    <message>
        <source>1 ended session in your labs.</source>
        <translation>1 beendete Sitzung in Ihren Laboren.</translation>
    </message>
    <message>
        <source>{count} ended sessions in your labs.</source>
        <translation>{count} beendete Sitzungen in Ihren Laboren.</translation>
    </message>
    <message>
        <source>There are no ended sessions in your labs.</source>
        <translation>In Ihren Laboren gibt es keine beendeten Sitzungen.</translation>
    </message>
    <message>
        <source>Cancelled; press F5 to read the sessions again.</source>
        <translation>Abgebrochen; drücken Sie F5, um die Sitzungen erneut zu lesen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Ended {time} by {user}</source>
        <translation>Beendet {time} von {user}</translation>
    </message>
    <message>
        <source>Ended still active</source>
        <translation>Beendet: noch aktiv</translation>
    </message>
    <message>
        <source> — note: {note}</source>
        <translation> — Notiz: {note}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>ended, read-only</source>
        <translation>beendet, schreibgeschützt</translation>
    </message>
    <message>
        <source>Listing config: {config} (filters: {filters})</source>
        <translation>Listenkonfiguration: {config} (Filter: {filters})</translation>
    </message>
    <message>
        <source>Started {time} by {user} on {station}</source>
        <translation>Gestartet {time} von {user} am Arbeitsplatz {station}</translation>
    </message>
    <message>
        <source>Expected scanned {scanned} / {expected}; not scanned {not_scanned}; not in scope {not_in_scope}; unknown {unknown}; already scanned {repeats}</source>
        <translation>Erwartet gescannt {scanned} / {expected}; nicht gescannt {not_scanned}; nicht im Umfang {not_in_scope}; unbekannt {unknown}; bereits gescannt {repeats}</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register item — {program}</source>
        <translation>Artikel registrieren — {program}</translation>
    </message>
    <message>
        <source>Register an unknown barcode as a new item</source>
        <translation>Einen unbekannten Barcode als neuen Artikel registrieren</translation>
    </message>
    <message>
        <source>The item is recorded in this session&apos;s history, and the scan gets a follow-up record with its new tag (Not in Scope: the listing was frozen at the start).</source>
        <translation>Der Artikel wird im Verlauf dieser Sitzung erfasst, und der Scan erhält einen Folgeeintrag mit seinem neuen Ergebnis (Nicht im Umfang: Die Liste wurde zu Beginn festgeschrieben).</translation>
    </message>
    <message>
        <source>Type a new name, or choose a known one</source>
        <translation>Neuen Namen eingeben oder einen bekannten wählen</translation>
    </message>
    <message>
        <source>Optional: solvent, buffer, enzyme…</source>
        <translation>Optional: Lösungsmittel, Puffer, Enzym…</translation>
    </message>
    <message>
        <source>e.g. 250</source>
        <translation>z. B. 250</translation>
    </message>
    <message>
        <source>mL, µL, g, vial…</source>
        <translation>mL, µL, g, Fläschchen…</translation>
    </message>
    <message>
        <source>Scan the location&apos;s barcode, or type its path</source>
        <translation>Barcode des Lagerorts scannen oder seinen Pfad eingeben</translation>
    </message>
    <message>
        <source>&amp;Ingredient:</source>
        <translation>&amp;Inhaltsstoff:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>&amp;Einheit:</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Lagerort:</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>the ingredient</source>
        <translation>den Inhaltsstoff</translation>
    </message>
    <message>
        <source>the quantity</source>
        <translation>die Menge</translation>
    </message>
    <message>
        <source>the location (scan it, or type its path)</source>
        <translation>den Lagerort (scannen oder Pfad eingeben)</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
    <message>
        <source>Fill in {fields} to register the item.</source>
        <translation>Geben Sie {fields} an, um den Artikel zu registrieren.</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {file}.</source>
        <translation>{file} gespeichert.</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export session report</source>
        <translation>Sitzungsbericht exportieren</translation>
    </message>
    <message>
        <source>{session} report.xlsx</source>
        <translation>{session} Bericht.xlsx</translation>
    </message>
    <message>
        <source>Writing the session report…</source>
        <translation>Der Sitzungsbericht wird geschrieben…</translation>
    </message>
    <message>
        <source>Export {view}</source>
        <translation>{view} exportieren</translation>
    </message>
    <message>
        <source>Writing {view}…</source>
        <translation>{view} wird geschrieben…</translation>
    </message>
    <message>
        <source>Export scanned list</source>
        <translation>Scan-Liste exportieren</translation>
    </message>
    <message>
        <source>{session} scans {workstation}.xlsx</source>
        <translation>{session} Scans {workstation}.xlsx</translation>
    </message>
    <message>
        <source>Writing the scanned list…</source>
        <translation>Die Scan-Liste wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>RowActions</name>
    <message>
        <source>&amp;Register Item…</source>
        <translation>Artikel &amp;registrieren…</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Verschieben…</translation>
    </message>
    <message>
        <source>S&amp;plit…</source>
        <translation>Auf&amp;teilen…</translation>
    </message>
    <message>
        <source>&amp;Set…</source>
        <translation>&amp;Festlegen…</translation>
    </message>
    <message>
        <source>&amp;Archive…</source>
        <translation>&amp;Archivieren…</translation>
    </message>
    <message>
        <source>Print &amp;Label…</source>
        <translation>&amp;Etikett drucken…</translation>
    </message>
    <message>
        <source>Item &amp;Details…</source>
        <translation>Artikel&amp;details…</translation>
    </message>
    <message>
        <source>Actions for the selected rows</source>
        <translation>Aktionen für die ausgewählten Zeilen</translation>
    </message>
</context>
<context>
    <name>ScanAnswers</name>
    <message>
        <source>NOT COUNTED</source>
        <translation>NICHT GEZÄHLT</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>This workstation has no scan left to undo in this session.</source>
        <translation>Dieser Arbeitsplatz hat in dieser Sitzung keinen Scan mehr, der rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>NOT UNDONE</source>
        <translation>NICHT RÜCKGÄNGIG GEMACHT</translation>
    </message>
</context>
<context>
    <name>ScanElsewhere</name>
    <message>
        <source>{barcode} — {tag} · recorded in “{session}”</source>
        <translation>{barcode} — {tag} · erfasst in „{session}“</translation>
    </message>
</context>
<context>
    <name>ScanList</name>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Kept on this PC — will be sent</source>
        <translation>Auf diesem PC gespeichert – wird gesendet</translation>
    </message>
    <message>
        <source>Kept on this PC</source>
        <translation>Auf diesem PC</translation>
    </message>
    <message>
        <source>{station} ({user})</source>
        <translation>{station} ({user})</translation>
    </message>
    <message>
        <source>Registered as a new item since the scan (it was an unknown barcode).</source>
        <translation>Seit dem Scan als neuer Artikel registriert (es war ein unbekannter Barcode).</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Wrong location</source>
        <translation>Falscher Lagerort</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>{tag} (undone)</source>
        <translation>{tag} (rückgängig)</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <source>{ingredient} (archived)</source>
        <translation>{ingredient} (archiviert)</translation>
    </message>
    <message>
        <source>The database server could not take this scan: it is kept on this PC and sent, with this time, when the server is back; its tag shows then.</source>
        <translation>Der Datenbankserver konnte diesen Scan nicht annehmen: Er ist auf diesem PC gespeichert und wird mit dieser Zeit gesendet, sobald der Server wieder erreichbar ist; dann erscheint sein Ergebnis.</translation>
    </message>
    <message>
        <source>On its way to the database: its tag shows once it is saved.</source>
        <translation>Unterwegs zur Datenbank: Das Ergebnis erscheint, sobald er gespeichert ist.</translation>
    </message>
    <message>
        <source>Scanned at {workstation}.</source>
        <translation>Gescannt am Arbeitsplatz {workstation}.</translation>
    </message>
    <message>
        <source>Expired: the bottle&apos;s expiry (its label&apos;s, else its record&apos;s) is past.</source>
        <translation>Abgelaufen: Das Verfallsdatum der Flasche (laut Etikett, sonst laut Datensatz) ist überschritten.</translation>
    </message>
    <message>
        <source>The label says: {said}.</source>
        <translation>Das Etikett sagt: {said}.</translation>
    </message>
    <message>
        <source>At the scan: {seen}.</source>
        <translation>Beim Scan: {seen}.</translation>
    </message>
    <message>
        <source>Moved from {old} to {new}.</source>
        <translation>Von {old} nach {new} verschoben.</translation>
    </message>
    <message>
        <source>Archived since the scan.</source>
        <translation>Seit dem Scan archiviert.</translation>
    </message>
    <message>
        <source>This scan was undone; it no longer counts.</source>
        <translation>Dieser Scan wurde rückgängig gemacht; er zählt nicht mehr.</translation>
    </message>
    <message>
        <source>Scanned list</source>
        <translation>Scan-Liste</translation>
    </message>
</context>
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
<context>
    <name>SessionReview</name>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Not scanned…</source>
        <translation>&amp;Nicht gescannt…</translation>
    </message>
    <message>
        <source>&amp;Scanned not in listing…</source>
        <translation>&amp;Gescannt, nicht in der Liste…</translation>
    </message>
    <message>
        <source>&amp;All in listing…</source>
        <translation>&amp;Alle in der Liste…</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the session report (summary, views, scan log, actions) to an Excel workbook</source>
        <translation>Den Sitzungsbericht (Übersicht, Ansichten, Scan-Protokoll, Aktionen) als Excel-Arbeitsmappe speichern</translation>
    </message>
    <message>
        <source>Scan &amp;log</source>
        <translation>Scan-&amp;Protokoll</translation>
    </message>
    <message>
        <source>A&amp;ctions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>Reading the session…</source>
        <translation>Die Sitzung wird gelesen…</translation>
    </message>
    <message>
        <source>Session {name} — {lab}</source>
        <translation>Sitzung {name} — {lab}</translation>
    </message>
    <message>
        <source>Session {name} — {lab} (ended, read-only)</source>
        <translation>Sitzung {name} — {lab} (beendet, schreibgeschützt)</translation>
    </message>
    <message>
        <source>Times in {zone}.</source>
        <translation>Zeiten in {zone}.</translation>
    </message>
    <message>
        <source>Scan &amp;log ({count})</source>
        <translation>Scan-&amp;Protokoll ({count})</translation>
    </message>
    <message>
        <source>A&amp;ctions ({count})</source>
        <translation>A&amp;ktionen ({count})</translation>
    </message>
</context>
<context>
    <name>SetFieldDialog</name>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Festlegen</translation>
    </message>
    <message>
        <source>Set a field</source>
        <translation>Ein Feld festlegen</translation>
    </message>
    <message>
        <source>Change a field of {item}.</source>
        <translation>Ein Feld von {item} ändern.</translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation>&amp;Feld:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Jetzt:</translation>
    </message>
    <message>
        <source>&amp;New value:</source>
        <translation>&amp;Neuer Wert:</translation>
    </message>
    <message>
        <source>Required: why is it changed?</source>
        <translation>Pflichtangabe: Warum wird geändert?</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, or empty</source>
        <translation>JJJJ-MM-TT oder leer</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split</source>
        <translation>Aufteilen</translation>
    </message>
    <message>
        <source>Split item</source>
        <translation>Artikel aufteilen</translation>
    </message>
    <message>
        <source>Split part of {item} into a new item.</source>
        <translation>Einen Teil von {item} in einen neuen Artikel aufteilen.</translation>
    </message>
    <message>
        <source>less than {quantity}</source>
        <translation>weniger als {quantity}</translation>
    </message>
    <message>
        <source>&amp;Quantity to split off ({unit}):</source>
        <translation>Abzuteilende &amp;Menge ({unit}):</translation>
    </message>
    <message>
        <source>Scan or type; leave empty to generate one</source>
        <translation>Scannen oder eingeben; leer lassen, um einen zu erzeugen</translation>
    </message>
    <message>
        <source>&amp;New barcode:</source>
        <translation>&amp;Neuer Barcode:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>Location set</source>
        <translation>Lagerort gesetzt</translation>
    </message>
    <message>
        <source>Wrong location</source>
        <translation>Falscher Lagerort</translation>
    </message>
    <message>
        <source>NOT SAVED</source>
        <translation>NICHT GESPEICHERT</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <source>Archiving…</source>
        <translation>Wird archiviert…</translation>
    </message>
    <message>
        <source>Archiving as missing…</source>
        <translation>Als fehlend archivieren…</translation>
    </message>
    <message>
        <source>1 item archived as missing.</source>
        <translation>1 Artikel als fehlend archiviert.</translation>
    </message>
    <message>
        <source>{count} items archived as missing.</source>
        <translation>{count} Artikel als fehlend archiviert.</translation>
    </message>
    <message>
        <source>Select a row first (the arrow keys and Shift, or Ctrl+A for all).</source>
        <translation>Wählen Sie zuerst eine Zeile aus (Pfeiltasten und Umschalt, oder Strg+A für alle).</translation>
    </message>
    <message>
        <source>These rows have no item to act on (an unknown barcode has none).</source>
        <translation>Diese Zeilen haben keinen Artikel für eine Aktion (ein unbekannter Barcode hat keinen).</translation>
    </message>
    <message>
        <source>This view is read-only: its items cannot be changed from here.</source>
        <translation>Diese Ansicht ist schreibgeschützt: Ihre Artikel können hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>Select one row: split acts on one item.</source>
        <translation>Wählen Sie eine Zeile aus: Aufteilen wirkt auf einen Artikel.</translation>
    </message>
    <message>
        <source>Select one row: set acts on one item.</source>
        <translation>Wählen Sie eine Zeile aus: Festlegen wirkt auf einen Artikel.</translation>
    </message>
    <message>
        <source>Select one row: details acts on one item.</source>
        <translation>Wählen Sie eine Zeile aus: Details zeigt einen Artikel.</translation>
    </message>
</context>
<context>
    <name>ViewWindow</name>
    <message>
        <source>Reading {view}…</source>
        <translation>{view} wird gelesen…</translation>
    </message>
    <message>
        <source>Read-only: this session ended {time}. Rows and item details are as they stood at the end.</source>
        <translation>Schreibgeschützt: Diese Sitzung endete {time}. Zeilen und Artikeldetails zeigen den Stand beim Ende.</translation>
    </message>
    <message>
        <source>Read-only: this session ended {time}. Rows are as they stood at the end; items show their current details (the session ended before this version kept them).</source>
        <translation>Schreibgeschützt: Diese Sitzung endete {time}. Zeilen zeigen den Stand beim Ende; Artikel zeigen ihre aktuellen Details (die Sitzung endete, bevor diese Version sie festhielt).</translation>
    </message>
    <message>
        <source>Read-only: {user} may look at this lab&apos;s sessions but not change its items (that needs the member or admin role).</source>
        <translation>Schreibgeschützt: {user} darf die Sitzungen dieses Labors ansehen, aber seine Artikel nicht ändern (dafür ist die Rolle Mitglied oder Admin nötig).</translation>
    </message>
    <message>
        <source>{view} — {session}</source>
        <translation>{view} — {session}</translation>
    </message>
    <message>
        <source>{view} — {session} (ended)</source>
        <translation>{view} — {session} (beendet)</translation>
    </message>
    <message>
        <source>Filter by barcode, ingredient, location or lot</source>
        <translation>Nach Barcode, Inhaltsstoff, Lagerort oder Charge filtern</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Verschieben…</translation>
    </message>
    <message>
        <source>Move the selected items to a location (Ctrl+M)</source>
        <translation>Die ausgewählten Artikel an einen Lagerort verschieben (Strg+M)</translation>
    </message>
    <message>
        <source>S&amp;plit…</source>
        <translation>Auf&amp;teilen…</translation>
    </message>
    <message>
        <source>Split part of the selected item into a new item (Ctrl+T)</source>
        <translation>Einen Teil des ausgewählten Artikels in einen neuen Artikel aufteilen (Strg+T)</translation>
    </message>
    <message>
        <source>&amp;Set…</source>
        <translation>&amp;Festlegen…</translation>
    </message>
    <message>
        <source>Set the quantity or another field of the selected item (Ctrl+E)</source>
        <translation>Die Menge oder ein anderes Feld des ausgewählten Artikels festlegen (Strg+E)</translation>
    </message>
    <message>
        <source>&amp;Archive…</source>
        <translation>&amp;Archivieren…</translation>
    </message>
    <message>
        <source>Archive the selected items with a reason (Ctrl+Shift+A)</source>
        <translation>Die ausgewählten Artikel mit einem Grund archivieren (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <source>Print &amp;label…</source>
        <translation>&amp;Etikett drucken…</translation>
    </message>
    <message>
        <source>Print a label for each selected item (Ctrl+P)</source>
        <translation>Für jeden ausgewählten Artikel ein Etikett drucken (Strg+P)</translation>
    </message>
    <message>
        <source>Archive as m&amp;issing…</source>
        <translation>Als fehlend arch&amp;ivieren…</translation>
    </message>
    <message>
        <source>Archive the selected not-scanned items (or all of them when none is selected) as missing, with one reason</source>
        <translation>Die ausgewählten nicht gescannten Artikel (oder alle, wenn keiner ausgewählt ist) mit einem Grund als fehlend archivieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save this view to an Excel workbook</source>
        <translation>Diese Ansicht als Excel-Arbeitsmappe speichern</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>1 item matching “{text}”</source>
        <translation>1 Artikel passend zu „{text}“</translation>
    </message>
    <message>
        <source>{count} items matching “{text}”</source>
        <translation>{count} Artikel passend zu „{text}“</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Artikel</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>{count} Artikel</translation>
    </message>
    <message>
        <source>{session} (active)</source>
        <translation>{session} (aktiv)</translation>
    </message>
    <message>
        <source>{session} (ended, read-only)</source>
        <translation>{session} (beendet, schreibgeschützt)</translation>
    </message>
    <message>
        <source>listing “{config}”</source>
        <translation>Liste „{config}“</translation>
    </message>
    <message>
        <source>times in {zone}</source>
        <translation>Zeiten in {zone}</translation>
    </message>
    <message>
        <source>Reading was cancelled; press Refresh (F5) to read the view again.</source>
        <translation>Das Lesen wurde abgebrochen; drücken Sie Aktualisieren (F5), um die Ansicht erneut zu lesen.</translation>
    </message>
    <message>
        <source>This barcode is not an inventory item; there are no details.</source>
        <translation>Dieser Barcode ist kein Artikel des Bestands; es gibt keine Details.</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>(no longer in this view)</source>
        <translation>(nicht mehr in dieser Ansicht)</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <source>Something went wrong inside recon-desktop ({error}); nothing more was done. The details were written to the log.</source>
        <translation>In recon-desktop ist ein Fehler aufgetreten ({error}); es wurde nichts weiter getan. Die Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
</TS>
