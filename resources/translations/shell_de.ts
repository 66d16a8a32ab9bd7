<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>frozen bundle</source>
        <translation>gebündeltes Programm</translation>
    </message>
    <message>
        <source>installed package</source>
        <translation>installiertes Paket</translation>
    </message>
    <message>
        <source>source checkout</source>
        <translation>Quellcode-Arbeitskopie</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>About {title}</source>
        <translation>Über {title}</translation>
    </message>
    <message>
        <source>Inventory reconciliation sessions for lab bench PCs with USB barcode scanners.</source>
        <translation>Inventurabgleich für Labor-PCs mit USB-Barcodescannern.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings for this computer</source>
        <translation>Einstellungen für diesen Computer</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>{folder} (not in use: the folder could not be used)</source>
        <translation>{folder} (nicht in Gebrauch: der Ordner konnte nicht verwendet werden)</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy these facts, for a support request</source>
        <translation>Diese Angaben kopieren, für eine Supportanfrage</translation>
    </message>
    <message>
        <source>Libraries in this program and their licences:</source>
        <translation>Bibliotheken in diesem Programm und ihre Lizenzen:</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Demo database — users: {users}.</source>
        <translation>Demo-Datenbank – Benutzer: {users}.</translation>
    </message>
    <message>
        <source>recon-desktop stopped because of an unexpected error ({error}).</source>
        <translation>recon-desktop wurde wegen eines unerwarteten Fehlers beendet ({error}).</translation>
    </message>
    <message>
        <source>{database} (demo)</source>
        <translation>{database} (Demo)</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Add →</source>
        <translation>Hinzufügen →</translation>
    </message>
    <message>
        <source>← Remove</source>
        <translation>← Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Shown, in this order</source>
        <translation>Angezeigt, in dieser Reihenfolge</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>Every scan that showed its tag is saved, and an active session comes back when recon-desktop starts again. You can go on working, or quit and start again.</source>
        <translation>Jeder Scan, dessen Markierung angezeigt wurde, ist gespeichert, und eine laufende Sitzung ist beim nächsten Start von recon-desktop wieder da. Sie können weiterarbeiten oder das Programm beenden und neu starten.</translation>
    </message>
    <message>
        <source>The report is also in the log file {file}.</source>
        <translation>Der Bericht steht auch in der Protokolldatei {file}.</translation>
    </message>
    <message>
        <source>There is no log file (the log folder could not be used).</source>
        <translation>Es gibt keine Protokolldatei (der Protokollordner konnte nicht verwendet werden).</translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <source>Open Log &amp;Folder</source>
        <translation>Protokoll&amp;ordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>&amp;Weiterarbeiten</translation>
    </message>
    <message>
        <source>&amp;Copied</source>
        <translation>&amp;Kopiert</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>The admin can add people, listing configs and inventory, and signs in with the PIN ({low} to {high} digits).</source>
        <translation>Der Admin kann Personen, Listenkonfigurationen und Bestand hinzufügen und meldet sich mit der PIN an ({low} bis {high} Ziffern).</translation>
    </message>
    <message>
        <source>e.g. Cell Biology</source>
        <translation>z. B. Zellbiologie</translation>
    </message>
    <message>
        <source>e.g. ana</source>
        <translation>z. B. ana</translation>
    </message>
    <message>
        <source>&amp;Lab:</source>
        <translation>&amp;Labor:</translation>
    </message>
    <message>
        <source>&amp;Admin&apos;s name:</source>
        <translation>Name des &amp;Admins:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>PIN &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Create and Sign In</source>
        <translation>Anlegen und anmelden</translation>
    </message>
    <message>
        <source>lab name</source>
        <translation>Laborname</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>The two PINs differ; type the PIN again.</source>
        <translation>Die beiden PINs sind verschieden; geben Sie die PIN erneut ein.</translation>
    </message>
</context>
<context>
    <name>EndSessionDialog</name>
    <message>
        <source>Expected scanned</source>
        <translation>Erwartet und gescannt</translation>
    </message>
    <message>
        <source>Not scanned</source>
        <translation>Nicht gescannt</translation>
    </message>
    <message>
        <source>Not in scope</source>
        <translation>Nicht im Umfang</translation>
    </message>
    <message>
        <source>Unknown barcodes</source>
        <translation>Unbekannte Barcodes</translation>
    </message>
    <message>
        <source>End Reconciliation Session — {title}</source>
        <translation>Inventurabgleich beenden – {title}</translation>
    </message>
    <message>
        <source>End “{name}”?</source>
        <translation>„{name}“ beenden?</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}:</translation>
    </message>
    <message>
        <source>Archive the items of the listing that were not scanned, with one reason, before the session ends (each item&apos;s history records it)</source>
        <translation>Die nicht gescannten Artikel der Liste mit einem Grund archivieren, bevor die Sitzung endet (die Historie jedes Artikels hält es fest)</translation>
    </message>
    <message>
        <source>Optional: what was left open, what to check next time</source>
        <translation>Optional: was offen geblieben ist, was beim nächsten Mal zu prüfen ist</translation>
    </message>
    <message>
        <source>Ending records the time and leaves reconciliation mode; the session becomes read-only. Enter the PIN of {user} to sign it.</source>
        <translation>Das Beenden hält die Uhrzeit fest und verlässt den Abgleichmodus; die Sitzung kann danach nur noch gelesen werden. Geben Sie die PIN von {user} ein, um sie abzuzeichnen.</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>End Session</source>
        <translation>Sitzung beenden</translation>
    </message>
    <message>
        <source>The session is being ended: {barcode} was not recorded. Cancel the end to go on scanning.</source>
        <translation>Die Sitzung wird gerade beendet: {barcode} wurde nicht erfasst. Brechen Sie das Beenden ab, um weiter zu scannen.</translation>
    </message>
    <message>
        <source>Ending the session…</source>
        <translation>Sitzung wird beendet…</translation>
    </message>
    <message>
        <source>{scanned} of {total}</source>
        <translation>{scanned} von {total}</translation>
    </message>
    <message>
        <source>&amp;Archive the {count} not scanned as missing…</source>
        <translation>Die {count} nicht gescannten als fehlend &amp;archivieren…</translation>
    </message>
    <message>
        <source>&amp;Archive the one not scanned as missing…</source>
        <translation>Den einen nicht gescannten als fehlend &amp;archivieren…</translation>
    </message>
    <message>
        <source>Every expected item was scanned</source>
        <translation>Alle erwarteten Artikel wurden gescannt</translation>
    </message>
    <message>
        <source>Archived as missing</source>
        <translation>Als fehlend archiviert</translation>
    </message>
    <message>
        <source>Archiving as missing…</source>
        <translation>Wird als fehlend archiviert…</translation>
    </message>
    <message>
        <source>1 item was archived as missing; the end can be signed.</source>
        <translation>1 Artikel wurde als fehlend archiviert; das Ende kann abgezeichnet werden.</translation>
    </message>
    <message>
        <source>{count} items were archived as missing; the end can be signed.</source>
        <translation>{count} Artikel wurden als fehlend archiviert; das Ende kann abgezeichnet werden.</translation>
    </message>
</context>
<context>
    <name>FaultBanner</name>
    <message>
        <source>Database problem</source>
        <translation>Datenbankproblem</translation>
    </message>
</context>
<context>
    <name>FilterRow</name>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>e.g. Building 1/Room 101/Freezer A</source>
        <translation>z. B. Gebäude 1/Raum 101/Gefrierschrank A</translation>
    </message>
    <message>
        <source>active or archived</source>
        <translation>„active“ oder „archived“</translation>
    </message>
    <message>
        <source>a number (between: 1..5)</source>
        <translation>eine Zahl (zwischen: 1..5)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or today+30</source>
        <translation>JJJJ-MM-TT oder today+30</translation>
    </message>
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
    <message>
        <source>today+{days}</source>
        <translation>heute+{days}</translation>
    </message>
    <message>
        <source>today-{days}</source>
        <translation>heute-{days}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>Filter entfernen</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Create the first admin and lab</source>
        <translation>Ersten Admin und erstes Labor anlegen</translation>
    </message>
    <message>
        <source>Welcome — {title}</source>
        <translation>Willkommen – {title}</translation>
    </message>
    <message>
        <source>Welcome to {title}</source>
        <translation>Willkommen bei {title}</translation>
    </message>
    <message>
        <source>This database has no labs or people yet. Choose how to begin:</source>
        <translation>Diese Datenbank hat noch keine Labore und keine Personen. Wählen Sie, wie Sie beginnen:</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>Datenbank: {database}</translation>
    </message>
    <message>
        <source>Name your lab and its first administrator, who is signed in at once and can then add people, listing configs and inventory.</source>
        <translation>Benennen Sie Ihr Labor und seinen ersten Administrator; er wird sofort angemeldet und kann dann Personen, Listenkonfigurationen und Bestand hinzufügen.</translation>
    </message>
    <message>
        <source>Import inventory from Excel</source>
        <translation>Bestand aus Excel importieren</translation>
    </message>
    <message>
        <source>Load inventory items from an .xlsx or .csv file. Items belong to a lab, so the lab and its admin are created first.</source>
        <translation>Artikel aus einer .xlsx- oder .csv-Datei laden. Artikel gehören zu einem Labor, daher werden zuerst das Labor und sein Admin angelegt.</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Demo öffnen</translation>
    </message>
    <message>
        <source>Try recon-desktop on a separate demo database with two labs, three users and {items} items. This database stays as it is.</source>
        <translation>recon-desktop an einer eigenen Demo-Datenbank mit zwei Laboren, drei Benutzern und {items} Artikeln ausprobieren. Diese Datenbank bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>Continue to Barcode Tracking</source>
        <translation>Weiter zur Barcode-Erfassung</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Done: lab “{lab}” with {user} as its admin.</source>
        <translation>Erledigt: Labor „{lab}“ mit {user} als Admin.</translation>
    </message>
    <message>
        <source>The demo is on its own database: start recon-desktop --demo to open it.</source>
        <translation>Die Demo hat eine eigene Datenbank: Starten Sie recon-desktop --demo, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Load inventory items from an .xlsx or .csv file into “{lab}”.</source>
        <translation>Artikel aus einer .xlsx- oder .csv-Datei in „{lab}“ laden.</translation>
    </message>
    <message>
        <source>Signed in as {user} (admin of {lab}). Import inventory now, or continue to Barcode Tracking.</source>
        <translation>Angemeldet als {user} (Admin von {lab}). Importieren Sie jetzt den Bestand oder fahren Sie mit der Barcode-Erfassung fort.</translation>
    </message>
    <message>
        <source>Inventory imported into {lab}. Continue to Barcode Tracking to start a session.</source>
        <translation>Bestand in {lab} importiert. Fahren Sie mit der Barcode-Erfassung fort, um eine Sitzung zu starten.</translation>
    </message>
</context>
<context>
    <name>LastScanPanel</name>
    <message>
        <source>This scan kept on this PC was not counted: {scans}. {reason} The log lists it.</source>
        <translation>Dieser auf diesem PC gespeicherte Scan wurde nicht gezählt: {scans}. {reason} Das Protokoll führt ihn auf.</translation>
    </message>
    <message>
        <source>These {count} scans kept on this PC were not counted: {scans} and {more} more. {reason} The log lists them.</source>
        <translation>Diese {count} auf diesem PC gespeicherten Scans wurden nicht gezählt: {scans} und {more} weitere. {reason} Das Protokoll führt sie auf.</translation>
    </message>
    <message>
        <source>These {count} scans kept on this PC were not counted: {scans}. {reason} The log lists them.</source>
        <translation>Diese {count} auf diesem PC gespeicherten Scans wurden nicht gezählt: {scans}. {reason} Das Protokoll führt sie auf.</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>Letzter Scan</translation>
    </message>
    <message>
        <source>Scan result icon</source>
        <translation>Symbol des Scanergebnisses</translation>
    </message>
    <message>
        <source>&amp;Move here</source>
        <translation>Hierher &amp;verschieben</translation>
    </message>
    <message>
        <source>Record that this item is now at the current location</source>
        <translation>Festhalten, dass dieser Artikel jetzt am aktuellen Lagerort ist</translation>
    </message>
    <message>
        <source>C&amp;opy barcode</source>
        <translation>Barcode &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the new barcode, to paste it elsewhere</source>
        <translation>Den neuen Barcode kopieren, um ihn anderswo einzufügen</translation>
    </message>
    <message>
        <source>&amp;Print label…</source>
        <translation>Etikett &amp;drucken…</translation>
    </message>
    <message>
        <source>Print a label for the new item (Tools → Settings: its size)</source>
        <translation>Ein Etikett für den neuen Artikel drucken (Extras → Einstellungen: seine Größe)</translation>
    </message>
    <message>
        <source>&amp;Register item…</source>
        <translation>Artikel &amp;registrieren…</translation>
    </message>
    <message>
        <source>Record this barcode as a new item here: ingredient, type, quantity, unit</source>
        <translation>Diesen Barcode hier als neuen Artikel erfassen: Substanz, Typ, Menge, Einheit</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <source>Scan into this session from here too</source>
        <translation>Auch von hier aus in diese Sitzung scannen</translation>
    </message>
    <message>
        <source>&amp;Update the record</source>
        <translation>Datensatz &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Record the lot and expiry this label says for the item (kept in its history with the scan)</source>
        <translation>Charge und Verfallsdatum dieses Etiketts für den Artikel übernehmen (in seiner Historie mit dem Scan festgehalten)</translation>
    </message>
    <message>
        <source>Scan a barcode</source>
        <translation>Barcode scannen</translation>
    </message>
    <message>
        <source>{barcode} is copied.</source>
        <translation>{barcode} ist kopiert.</translation>
    </message>
    <message>
        <source>{title} icon</source>
        <translation>Symbol: {title}</translation>
    </message>
    <message>
        <source>{barcode} and {more} more: on the way to the database; the tags show once they are saved.</source>
        <translation>{barcode} und {more} weitere: unterwegs zur Datenbank; die Markierungen erscheinen, sobald sie gespeichert sind.</translation>
    </message>
    <message>
        <source>{barcode}: on the way to the database; the tag shows once it is saved.</source>
        <translation>{barcode}: unterwegs zur Datenbank; die Markierung erscheint, sobald er gespeichert ist.</translation>
    </message>
    <message>
        <source>{barcode} ({waiting} waiting): the database server cannot be reached. The scan is saved on this PC with its time and sent when the server is back; its tag shows then.</source>
        <translation>{barcode} ({waiting} wartend): Der Datenbankserver ist nicht erreichbar. Der Scan ist mit seiner Uhrzeit auf diesem PC gespeichert und wird gesendet, sobald der Server wieder da ist; dann erscheint seine Markierung.</translation>
    </message>
    <message>
        <source>{barcode}: the database server cannot be reached. The scan is saved on this PC with its time and sent when the server is back; its tag shows then.</source>
        <translation>{barcode}: Der Datenbankserver ist nicht erreichbar. Der Scan ist mit seiner Uhrzeit auf diesem PC gespeichert und wird gesendet, sobald der Server wieder da ist; dann erscheint seine Markierung.</translation>
    </message>
    <message>
        <source>Started by {user} at {time} in {lab} ({more} more in ⚙ → Join Active Session). Join it (Alt+J) to scan into it from here.</source>
        <translation>Gestartet von {user} um {time} in {lab} ({more} weitere unter ⚙ → Laufender Sitzung beitreten). Treten Sie bei (Alt+B), um von hier aus hineinzuscannen.</translation>
    </message>
    <message>
        <source>Started by {user} at {time} in {lab}. Join it (Alt+J) to scan into it from here.</source>
        <translation>Gestartet von {user} um {time} in {lab}. Treten Sie bei (Alt+B), um von hier aus hineinzuscannen.</translation>
    </message>
    <message>
        <source>“{name}” is active</source>
        <translation>„{name}“ läuft</translation>
    </message>
    <message>
        <source>Location scan undone</source>
        <translation>Lagerort-Scan rückgängig gemacht</translation>
    </message>
    <message>
        <source>Scan undone</source>
        <translation>Scan rückgängig gemacht</translation>
    </message>
    <message>
        <source>{barcode} no longer counts in this session (a correction is recorded).</source>
        <translation>{barcode} zählt in dieser Sitzung nicht mehr (eine Korrektur ist festgehalten).</translation>
    </message>
    <message>
        <source>Moved here</source>
        <translation>Hierher verschoben</translation>
    </message>
    <message>
        <source>{barcode} · now at {location} (was {was})</source>
        <translation>{barcode} · jetzt in {location} (vorher {was})</translation>
    </message>
    <message>
        <source>Registered — label the new item</source>
        <translation>Registriert – etikettieren Sie den neuen Artikel</translation>
    </message>
    <message>
        <source>{quantity} at {location} · Not in Scope (not in the listing frozen at the start)</source>
        <translation>{quantity} in {location} · Nicht im Umfang (nicht in der beim Start festgelegten Liste)</translation>
    </message>
    <message>
        <source>{barcode} · items scanned next are checked against it</source>
        <translation>{barcode} · die als Nächstes gescannten Artikel werden damit abgeglichen</translation>
    </message>
    <message>
        <source>{wrong_location}: recorded at {recorded}, you are at {here}</source>
        <translation>{wrong_location}: erfasst in {recorded}, Sie sind in {here}</translation>
    </message>
    <message>
        <source>No item has this barcode; it is kept in the list.</source>
        <translation>Kein Artikel hat diesen Barcode; er bleibt in der Liste.</translation>
    </message>
    <message>
        <source>The label says: {differences}.</source>
        <translation>Das Etikett sagt: {differences}.</translation>
    </message>
    <message>
        <source>lot {old} → {new}</source>
        <translation>Charge {old} → {new}</translation>
    </message>
    <message>
        <source>expiry {old} → {new}</source>
        <translation>Verfallsdatum {old} → {new}</translation>
    </message>
    <message>
        <source>Record updated</source>
        <translation>Datensatz aktualisiert</translation>
    </message>
    <message>
        <source>{barcode} · {changes} (as on the label)</source>
        <translation>{barcode} · {changes} (wie auf dem Etikett)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked — {title}</source>
        <translation>Gesperrt – {title}</translation>
    </message>
    <message>
        <source>Locked after 1 minute without use. Sign in to go on.</source>
        <translation>Nach 1 Minute ohne Benutzung gesperrt. Melden Sie sich an, um weiterzumachen.</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use. Sign in to go on.</source>
        <translation>Nach {minutes} Minuten ohne Benutzung gesperrt. Melden Sie sich an, um weiterzumachen.</translation>
    </message>
</context>
<context>
    <name>LogWindow</name>
    <message>
        <source>Log — {title}</source>
        <translation>Protokoll – {title}</translation>
    </message>
    <message>
        <source>Recent lines; the whole log is in {file}.</source>
        <translation>Die letzten Zeilen; das ganze Protokoll steht in {file}.</translation>
    </message>
    <message>
        <source>Recent lines (kept in memory only: the log folder could not be used).</source>
        <translation>Die letzten Zeilen (nur im Arbeitsspeicher: der Protokollordner konnte nicht verwendet werden).</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Copy All</source>
        <translation>Alles &amp;kopieren</translation>
    </message>
    <message>
        <source>Open Log &amp;Folder</source>
        <translation>Protokoll&amp;ordner öffnen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Barcode Tracking</source>
        <translation>Barcode-Erfassung</translation>
    </message>
    <message>
        <source>Inventory Reconciliation in Progress</source>
        <translation>Inventurabgleich läuft</translation>
    </message>
    <message>
        <source>Start or join a session to scan</source>
        <translation>Sitzung starten oder beitreten, um zu scannen</translation>
    </message>
    <message>
        <source>⚙ → {start} (Ctrl+Shift+S), or ⚙ → Join Active Session</source>
        <translation>⚙ → {start} (Strg+Umschalt+S) oder ⚙ → Laufender Sitzung beitreten</translation>
    </message>
    <message>
        <source>Open a view of this session (Ctrl+1, Ctrl+2, Ctrl+3)</source>
        <translation>Eine Ansicht dieser Sitzung öffnen (Strg+1, Strg+2, Strg+3)</translation>
    </message>
    <message>
        <source>Scan a barcode (or type it and press Enter)</source>
        <translation>Barcode scannen (oder eintippen und Eingabe drücken)</translation>
    </message>
    <message>
        <source>Scan field</source>
        <translation>Scanfeld</translation>
    </message>
    <message>
        <source>Scan a barcode</source>
        <translation>Barcode scannen</translation>
    </message>
    <message>
        <source>Scan a barcode, or type it and press Enter</source>
        <translation>Barcode scannen oder eintippen und Eingabe drücken</translation>
    </message>
    <message>
        <source>&amp;Clear All</source>
        <translation>Alle &amp;leeren</translation>
    </message>
    <message>
        <source>Clear the list on screen; recorded scans are kept</source>
        <translation>Die angezeigte Liste leeren; erfasste Scans bleiben erhalten</translation>
    </message>
    <message>
        <source>Session menu (F10)</source>
        <translation>Sitzungsmenü (F10)</translation>
    </message>
    <message>
        <source>Session menu</source>
        <translation>Sitzungsmenü</translation>
    </message>
    <message>
        <source>&amp;Newest Scans</source>
        <translation>&amp;Neueste Scans</translation>
    </message>
    <message>
        <source>Go to the newest scans (Ctrl+End)</source>
        <translation>Zu den neuesten Scans (Strg+Ende)</translation>
    </message>
    <message>
        <source>Times: {zone}</source>
        <translation>Zeiten: {zone}</translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown in this computer&apos;s zone</source>
        <translation>Zeiten werden in UTC gespeichert und in der Zeitzone dieses Computers angezeigt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statusleiste</translation>
    </message>
    <message>
        <source>Scans are recorded in “{name}”.</source>
        <translation>Scans werden in „{name}“ erfasst.</translation>
    </message>
    <message>
        <source>You are at {place}.</source>
        <translation>Sie sind in {place}.</translation>
    </message>
    <message>
        <source>Left “{name}”</source>
        <translation>„{name}“ verlassen</translation>
    </message>
    <message>
        <source>It is still active; ⚙ → Join Active Session to come back.</source>
        <translation>Sie läuft weiter; mit ⚙ → Laufender Sitzung beitreten kommen Sie zurück.</translation>
    </message>
    <message>
        <source>Operator: {user} ({station})</source>
        <translation>Bediener: {user} ({station})</translation>
    </message>
    <message>
        <source>no lab</source>
        <translation>kein Labor</translation>
    </message>
    <message>
        <source>Lab: {lab}</source>
        <translation>Labor: {lab}</translation>
    </message>
    <message>
        <source>Only {user} can end this session</source>
        <translation>Nur {user} kann diese Sitzung beenden</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>Datenbank: {database}</translation>
    </message>
    <message>
        <source>Connection back</source>
        <translation>Verbindung wieder da</translation>
    </message>
    <message>
        <source>Scans are saved again.</source>
        <translation>Scans werden wieder gespeichert.</translation>
    </message>
    <message>
        <source> by {user}</source>
        <translation> von {user}</translation>
    </message>
    <message>
        <source> at {time}</source>
        <translation> um {time}</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>Sitzung beendet</translation>
    </message>
    <message>
        <source>“{name}” was ended{by}{at}; scans are no longer accepted here. ⚙ → {past} to read it.</source>
        <translation>„{name}“ wurde{by}{at} beendet; Scans werden hier nicht mehr angenommen. Unter ⚙ → {past} können Sie sie lesen.</translation>
    </message>
    <message>
        <source>{problem} Scans are not accepted.</source>
        <translation>{problem} Scans werden nicht angenommen.</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>NICHT ERFASST</translation>
    </message>
    <message>
        <source>The session “{name}” has ended; {barcode} was not recorded. {start}</source>
        <translation>Die Sitzung „{name}“ ist beendet; {barcode} wurde nicht erfasst. {start}</translation>
    </message>
    <message>
        <source>{barcode} was not recorded. {start}</source>
        <translation>{barcode} wurde nicht erfasst. {start}</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>No session is active.</source>
        <translation>Keine Sitzung läuft.</translation>
    </message>
    <message>
        <source>NOT CLEARED</source>
        <translation>NICHT GELEERT</translation>
    </message>
    <message>
        <source>List cleared</source>
        <translation>Liste geleert</translation>
    </message>
    <message>
        <source>Recorded scans are kept; scan the next barcode.</source>
        <translation>Erfasste Scans bleiben erhalten; scannen Sie den nächsten Barcode.</translation>
    </message>
    <message>
        <source>Not yours to end</source>
        <translation>Beenden steht Ihnen nicht zu</translation>
    </message>
    <message>
        <source>Session “{name}” ended</source>
        <translation>Sitzung „{name}“ beendet</translation>
    </message>
    <message>
        <source>It is read-only now: ⚙ → {past}.</source>
        <translation>Sie kann jetzt nur noch gelesen werden: ⚙ → {past}.</translation>
    </message>
    <message>
        <source>{user} is scanning</source>
        <translation>{user} scannt</translation>
    </message>
</context>
<context>
    <name>ScreenBoundScroll</name>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
</context>
<context>
    <name>SessionBanner</name>
    <message>
        <source>{scanned} / {total} expected scanned · {not_in_scope} not in scope · {unknown} unknown</source>
        <translation>{scanned} / {total} erwartete gescannt · {not_in_scope} nicht im Umfang · {unknown} unbekannt</translation>
    </message>
    <message>
        <source>Active Inventory Reconciliation Session</source>
        <translation>Laufender Inventurabgleich</translation>
    </message>
    <message>
        <source>Expected items scanned</source>
        <translation>Erwartete Artikel gescannt</translation>
    </message>
    <message>
        <source>{lab} · listing “{listing}” · started by {user} · since {time}</source>
        <translation>{lab} · Liste „{listing}“ · gestartet von {user} · seit {time}</translation>
    </message>
</context>
<context>
    <name>SessionMenu</name>
    <message>
        <source>Start Inventory Reconciliation Session…</source>
        <translation>Inventurabgleich starten…</translation>
    </message>
    <message>
        <source>End Reconciliation Session…</source>
        <translation>Inventurabgleich beenden…</translation>
    </message>
    <message>
        <source>View Past Inventory Reconciliation Sessions…</source>
        <translation>Frühere Inventurabgleiche anzeigen…</translation>
    </message>
    <message>
        <source>Only {starter}, who started this session, can end it (a session is signed off by its starter&apos;s PIN); {user} can leave it (⚙ → Leave Session), and it stays active.</source>
        <translation>Nur {starter}, der diese Sitzung gestartet hat, kann sie beenden (eine Sitzung wird mit der PIN ihres Starters abgezeichnet); {user} kann sie verlassen (⚙ → Sitzung verlassen), und sie läuft weiter.</translation>
    </message>
    <message>
        <source>Why End is not offered</source>
        <translation>Warum Beenden nicht angeboten wird</translation>
    </message>
    <message>
        <source>Switch Operator…</source>
        <translation>Bediener wechseln…</translation>
    </message>
    <message>
        <source>Undo Last Scan</source>
        <translation>Letzten Scan rückgängig machen</translation>
    </message>
    <message>
        <source>Load Batch-Scanner File…</source>
        <translation>Datei eines Batch-Scanners laden…</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Töne</translation>
    </message>
    <message>
        <source>Session Menu</source>
        <translation>Sitzungsmenü</translation>
    </message>
    <message>
        <source>Join Active Session</source>
        <translation>Laufender Sitzung beitreten</translation>
    </message>
    <message>
        <source>Leave Session (it stays active)</source>
        <translation>Sitzung verlassen (sie läuft weiter)</translation>
    </message>
    <message>
        <source>A session is active on this window; end it first.</source>
        <translation>In diesem Fenster läuft eine Sitzung; beenden Sie sie zuerst.</translation>
    </message>
    <message>
        <source>{user} is not a member or admin of any lab.</source>
        <translation>{user} ist in keinem Labor Mitglied oder Admin.</translation>
    </message>
    <message>
        <source>Name, lab and listing config of a new session</source>
        <translation>Name, Labor und Listenkonfiguration einer neuen Sitzung</translation>
    </message>
    <message>
        <source>No session is active.</source>
        <translation>Keine Sitzung läuft.</translation>
    </message>
    <message>
        <source>Shows the summary, the items not scanned, and asks for your PIN</source>
        <translation>Zeigt die Zusammenfassung und die nicht gescannten Artikel und fragt nach Ihrer PIN</translation>
    </message>
    <message>
        <source>Scans read by a batch scanner (one barcode a line, optionally a tab and the time)</source>
        <translation>Scans eines Batch-Scanners (ein Barcode pro Zeile, wahlweise mit Tabulator und Uhrzeit)</translation>
    </message>
    <message>
        <source>Start or join a session first: a batch file loads into one.</source>
        <translation>Starten Sie zuerst eine Sitzung oder treten Sie einer bei: Eine Batch-Datei wird in eine Sitzung geladen.</translation>
    </message>
    <message>
        <source>{name} — {lab}, started by {user}</source>
        <translation>{name} – {lab}, gestartet von {user}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>As the system ({locale})</source>
        <translation>Wie das System ({locale})</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Wie das System ({language})</translation>
    </message>
    <message>
        <source>The interface language ({language}) applies when recon-desktop is next started.</source>
        <translation>Die Sprache der Oberfläche ({language}) gilt ab dem nächsten Start von recon-desktop.</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Tab (or Enter)</source>
        <translation>Tabulator (oder Eingabe)</translation>
    </message>
    <message>
        <source>None (end after a pause)</source>
        <translation>Keines (Ende nach einer Pause)</translation>
    </message>
    <message>
        <source>As the regional format writes them</source>
        <translation>Wie das Regionalformat sie schreibt</translation>
    </message>
    <message>
        <source>2026-03-31 14:05 (ISO)</source>
        <translation>2026-03-31 14:05 (ISO)</translation>
    </message>
    <message>
        <source>Settings — {title}</source>
        <translation>Einstellungen – {title}</translation>
    </message>
    <message>
        <source>{path} (default)</source>
        <translation>{path} (Standard)</translation>
    </message>
    <message>
        <source>A SQLite file, or postgresql://user@host:port/database</source>
        <translation>Eine SQLite-Datei oder postgresql://benutzer@host:port/datenbank</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Set for every user of this computer in {path}</source>
        <translation>Für alle Benutzer dieses Computers festgelegt in {path}</translation>
    </message>
    <message>
        <source>{path} (this computer&apos;s default)</source>
        <translation>{path} (Standard dieses Computers)</translation>
    </message>
    <message>
        <source>PostgreSQL password (never written to a file)</source>
        <translation>PostgreSQL-Passwort (wird nie in eine Datei geschrieben)</translation>
    </message>
    <message>
        <source>Keep the password in the system keyring</source>
        <translation>Passwort im Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <source>No keyring on this computer: the password is asked for at each start.</source>
        <translation>Kein Schlüsselbund auf diesem Computer: Das Passwort wird bei jedem Start erfragt.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>Speicher&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>A new database location is used from the next start.</source>
        <translation>Ein neuer Speicherort der Datenbank gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>The database is set for every user of this computer in {path}.</source>
        <translation>Die Datenbank ist für alle Benutzer dieses Computers festgelegt in {path}.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>A scan without a terminator ends after this pause; scanners type about 5 ms apart, people about 200 ms</source>
        <translation>Ein Scan ohne Abschlusszeichen endet nach dieser Pause; Scanner tippen im Abstand von etwa 5 ms, Menschen von etwa 200 ms</translation>
    </message>
    <message>
        <source>For scanners that cannot send the GS1 group separator: the character they send instead (e.g. ~)</source>
        <translation>Für Scanner, die das GS1-Gruppentrennzeichen nicht senden können: das Zeichen, das sie stattdessen senden (z. B. ~)</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>&amp;Terminator:</source>
        <translation>&amp;Abschlusszeichen:</translation>
    </message>
    <message>
        <source>Pause that &amp;ends a scan:</source>
        <translation>Pause, die einen Scan &amp;beendet:</translation>
    </message>
    <message>
        <source>&amp;GS1 separator sent as:</source>
        <translation>&amp;GS1-Trennzeichen gesendet als:</translation>
    </message>
    <message>
        <source>Play a sound for each scan result</source>
        <translation>Zu jedem Scanergebnis einen Ton abspielen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>How dates, times and numbers are written and read (1,000.5 or 1.000,5); applies at once</source>
        <translation>Wie Datum, Uhrzeit und Zahlen geschrieben und gelesen werden (1,000.5 oder 1.000,5); gilt sofort</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>Sperren nach &amp;Inaktivität:</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>&amp;Schriftgröße:</translation>
    </message>
    <message>
        <source>Lang&amp;uage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>&amp;Regional format:</source>
        <translation>Regional&amp;format:</translation>
    </message>
    <message>
        <source>&amp;Dates as:</source>
        <translation>Datum und &amp;Uhrzeit als:</translation>
    </message>
    <message>
        <source>Ending a session appends its anchor (the audit trail&apos;s chain heads) here, outside the database; &apos;recon-desktop audit verify --anchor FILE&apos; checks the database against it. Keep it where the database is not (another disk or share).</source>
        <translation>Beim Beenden einer Sitzung wird ihr Anker (die Kettenköpfe des Prüfpfads) hier angefügt, außerhalb der Datenbank; „recon-desktop audit verify --anchor DATEI“ prüft die Datenbank damit. Legen Sie die Datei dort ab, wo die Datenbank nicht liegt (andere Festplatte oder Freigabe).</translation>
    </message>
    <message>
        <source>&amp;Anchor file:</source>
        <translation>A&amp;nkerdatei:</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Label width</source>
        <translation>Etikettenbreite</translation>
    </message>
    <message>
        <source>Label height</source>
        <translation>Etikettenhöhe</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiketten</translation>
    </message>
    <message>
        <source>Label &amp;size (width × height):</source>
        <translation>&amp;Etikettengröße (Breite × Höhe):</translation>
    </message>
    <message>
        <source>The labels in the label printer; each item&apos;s label is one of them.</source>
        <translation>Die Etiketten im Etikettendrucker; das Etikett jedes Artikels ist eines davon.</translation>
    </message>
    <message>
        <source>Where the database and the anchors are kept, and the idle lock, are changed by an admin of a lab.</source>
        <translation>Wo Datenbank und Anker liegen und die Sperre bei Inaktivität ändert ein Admin eines Labors.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Saved in {path}</source>
        <translation>Gespeichert in {path}</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite-Datenbank (*.sqlite3 *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>The settings could not be saved in {path} ({reason}).</source>
        <translation>Die Einstellungen konnten nicht in {path} gespeichert werden ({reason}).</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The log is {file}.</source>
        <translation>Das Protokoll ist {file}.</translation>
    </message>
    <message>
        <source>Password for the database {database}:</source>
        <translation>Passwort für die Datenbank {database}:</translation>
    </message>
    <message>
        <source>The demo could not be started ({reason}).</source>
        <translation>Die Demo konnte nicht gestartet werden ({reason}).</translation>
    </message>
</context>
<context>
    <name>ShellMenus</name>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Import Inventory…</source>
        <translation>Bestand &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>&amp;Protokoll anzeigen</translation>
    </message>
    <message>
        <source>&amp;About {title}</source>
        <translation>&amp;Über {title}</translation>
    </message>
    <message>
        <source>Items from an .xlsx or .csv file: columns matched, every row checked in a preview, all imported or nothing</source>
        <translation>Artikel aus einer .xlsx- oder .csv-Datei: Spalten zugeordnet, jede Zeile in einer Vorschau geprüft, alles oder nichts importiert</translation>
    </message>
    <message>
        <source>Importing needs the admin role in a lab; {user} has none.</source>
        <translation>Importieren erfordert die Admin-Rolle in einem Labor; {user} hat keine.</translation>
    </message>
    <message>
        <source>Importing inventory needs the admin role in a lab; {user} has none.</source>
        <translation>Bestand zu importieren erfordert die Admin-Rolle in einem Labor; {user} hat keine.</translation>
    </message>
    <message>
        <source>Import Inventory</source>
        <translation>Bestand importieren</translation>
    </message>
    <message>
        <source>Into the lab:</source>
        <translation>In das Labor:</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Switch operator</source>
        <translation>Bediener wechseln</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Scan your badge or type your name, then enter your PIN. The active session stays open.</source>
        <translation>Scannen Sie Ihren Ausweis oder geben Sie Ihren Namen ein, danach Ihre PIN. Die laufende Sitzung bleibt offen.</translation>
    </message>
    <message>
        <source>Scan your badge or type your name, then enter your PIN.</source>
        <translation>Scannen Sie Ihren Ausweis oder geben Sie Ihren Namen ein, danach Ihre PIN.</translation>
    </message>
    <message>
        <source>Name or badge</source>
        <translation>Name oder Ausweis</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Sign in first: {barcode} was not recorded.</source>
        <translation>Melden Sie sich zuerst an: {barcode} wurde nicht erfasst.</translation>
    </message>
</context>
<context>
    <name>StartSessionDialog</name>
    <message>
        <source>New listing config…</source>
        <translation>Neue Listenkonfiguration…</translation>
    </message>
    <message>
        <source>Start Inventory Reconciliation Session</source>
        <translation>Inventurabgleich starten</translation>
    </message>
    <message>
        <source>Reconciliation {day}</source>
        <translation>Inventurabgleich {day}</translation>
    </message>
    <message>
        <source>Session &amp;name:</source>
        <translation>&amp;Name der Sitzung:</translation>
    </message>
    <message>
        <source>&amp;Lab:</source>
        <translation>&amp;Labor:</translation>
    </message>
    <message>
        <source>Listing &amp;config:</source>
        <translation>Listen&amp;konfiguration:</translation>
    </message>
    <message>
        <source>New listing config</source>
        <translation>Neue Listenkonfiguration</translation>
    </message>
    <message>
        <source>e.g. Freezer A, Room 101</source>
        <translation>z. B. Gefrierschrank A, Raum 101</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>Filter hinzufügen</translation>
    </message>
    <message>
        <source>Config na&amp;me:</source>
        <translation>Na&amp;me der Konfiguration:</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Spalten:</translation>
    </message>
    <message>
        <source>Filters:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Start Session</source>
        <translation>Sitzung starten</translation>
    </message>
    <message>
        <source>{user} is not a member or admin of any lab, so cannot start a session.</source>
        <translation>{user} ist in keinem Labor Mitglied oder Admin und kann daher keine Sitzung starten.</translation>
    </message>
    <message>
        <source>This lab has no listing configs yet; an admin of the lab makes them.</source>
        <translation>Dieses Labor hat noch keine Listenkonfigurationen; ein Admin des Labors legt sie an.</translation>
    </message>
    <message>
        <source>every active item of the lab</source>
        <translation>jeder aktive Artikel des Labors</translation>
    </message>
    <message>
        <source>Filters: {filters}
Columns: {columns}</source>
        <translation>Filter: {filters}
Spalten: {columns}</translation>
    </message>
    <message>
        <source>Counting matching items…</source>
        <translation>Passende Artikel werden gezählt…</translation>
    </message>
    <message>
        <source>1 item matches now; it becomes the expected set.</source>
        <translation>1 Artikel passt jetzt; er bildet den erwarteten Bestand.</translation>
    </message>
    <message>
        <source>{count} items match now; they become the expected set.</source>
        <translation>{count} Artikel passen jetzt; sie bilden den erwarteten Bestand.</translation>
    </message>
</context>
</TS>
