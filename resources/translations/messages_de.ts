<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActionService</name>
    <message>
        <source>quantity to split off</source>
        <translation>abzuteilende Menge</translation>
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
        <source>lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>Verfallsdatum</translation>
    </message>
    <message>
        <source>Give a reason; it is kept in the item&apos;s history.</source>
        <translation>Geben Sie einen Grund an; er wird in der Historie des Artikels gespeichert.</translation>
    </message>
    <message>
        <source>The reason is too long (at most {limit} characters).</source>
        <translation>Der Grund ist zu lang (höchstens {limit} Zeichen).</translation>
    </message>
    <message>
        <source>There is no inventory item #{item_id}.</source>
        <translation>Es gibt keinen Artikel #{item_id}.</translation>
    </message>
    <message>
        <source>There is no session #{session_id}.</source>
        <translation>Es gibt keine Sitzung #{session_id}.</translation>
    </message>
    <message>
        <source>This session has ended; no more actions are accepted.</source>
        <translation>Diese Sitzung ist beendet; es werden keine Aktionen mehr angenommen.</translation>
    </message>
    <message>
        <source>{barcode} was changed by someone else in the meantime; nothing was changed. It is now {quantity} {unit} at {location} ({value}).</source>
        <translation>{barcode} wurde inzwischen von jemand anderem geändert; es wurde nichts geändert. Jetzt: {quantity} {unit} in {location} ({value}).</translation>
    </message>
    <message>
        <source>There is no location {location!r}.</source>
        <translation>Es gibt keinen Lagerort {location!r}.</translation>
    </message>
    <message>
        <source>{barcode} is already at {path}.</source>
        <translation>{barcode} ist bereits in {path}.</translation>
    </message>
    <message>
        <source>The quantity to split off must be more than zero.</source>
        <translation>Die abzuteilende Menge muss größer als null sein.</translation>
    </message>
    <message>
        <source>The new barcode is too long or has control characters.</source>
        <translation>Der neue Barcode ist zu lang oder enthält Steuerzeichen.</translation>
    </message>
    <message>
        <source>The barcode {barcode} is already used by another item.</source>
        <translation>Der Barcode {barcode} gehört bereits zu einem anderen Artikel.</translation>
    </message>
    <message>
        <source>{barcode} is archived and cannot be split.</source>
        <translation>{barcode} ist archiviert und kann nicht aufgeteilt werden.</translation>
    </message>
    <message>
        <source>Cannot split {amount} {unit} off {barcode}: it holds only {quantity} {unit} (a split must leave some behind).</source>
        <translation>Von {barcode} können nicht {amount} {unit} abgeteilt werden: Er enthält nur {quantity} {unit} (beim Aufteilen muss etwas übrig bleiben).</translation>
    </message>
    <message>
        <source>{field!r} cannot be set; choose one of {value}.</source>
        <translation>{field!r} kann nicht festgelegt werden; wählen Sie eines von: {value}.</translation>
    </message>
    <message>
        <source>The {field} is not a number.</source>
        <translation>Die Angabe „{field}“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>The {field} is too long (at most 200 characters).</source>
        <translation>Die Angabe „{field}“ ist zu lang (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>The {field} of {barcode} is already {new_value}.</source>
        <translation>{field} von {barcode} ist bereits {new_value}.</translation>
    </message>
    <message>
        <source>There is no scan #{scan_id}.</source>
        <translation>Es gibt keinen Scan #{scan_id}.</translation>
    </message>
    <message>
        <source>That scan found no item: there is no record to update.</source>
        <translation>Dieser Scan hat keinen Artikel gefunden: Es gibt keinen Datensatz zum Aktualisieren.</translation>
    </message>
    <message>
        <source>The record of {barcode} already says what its label says.</source>
        <translation>Der Datensatz von {barcode} stimmt bereits mit dem Etikett überein.</translation>
    </message>
    <message>
        <source>{barcode} is already archived.</source>
        <translation>{barcode} ist bereits archiviert.</translation>
    </message>
</context>
<context>
    <name>AdminService</name>
    <message>
        <source>lab name</source>
        <translation>Laborname</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>session name</source>
        <translation>Sitzungsname</translation>
    </message>
    <message>
        <source>ingredient name</source>
        <translation>Name des Inhaltsstoffs</translation>
    </message>
    <message>
        <source>listing config name</source>
        <translation>Name der Listenkonfiguration</translation>
    </message>
    <message>
        <source>The {what} cannot be empty.</source>
        <translation>Die Angabe „{what}“ darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The {what} is too long ({count} characters; at most {limit}).</source>
        <translation>Die Angabe „{what}“ ist zu lang ({count} Zeichen; höchstens {limit}).</translation>
    </message>
    <message>
        <source>The {what} contains control characters.</source>
        <translation>Die Angabe „{what}“ enthält Steuerzeichen.</translation>
    </message>
    <message>
        <source>This database already has users: an admin of the lab must sign in to add another (--user NAME, with the PIN in RECON_PIN).</source>
        <translation>Diese Datenbank hat bereits Benutzer: Ein Admin des Labors muss sich anmelden, um weitere hinzuzufügen (--user NAME, mit der PIN in RECON_PIN).</translation>
    </message>
    <message>
        <source>{name} cannot add a lab: that needs an admin of a lab.</source>
        <translation>{name} kann kein Labor hinzufügen: Dazu ist ein Admin eines Labors nötig.</translation>
    </message>
    <message>
        <source>There is already a lab called {name!r}.</source>
        <translation>Es gibt bereits ein Labor namens {name!r}.</translation>
    </message>
    <message>
        <source>There is no lab called {name_or_id!r}.</source>
        <translation>Es gibt kein Labor namens {name_or_id!r}.</translation>
    </message>
    <message>
        <source>{name} was removed meanwhile; try again.</source>
        <translation>{name} wurde inzwischen entfernt; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>That badge barcode belongs to another user.</source>
        <translation>Dieser Ausweis-Barcode gehört einem anderen Benutzer.</translation>
    </message>
    <message>
        <source>{name} cannot set {user}&apos;s PIN: that needs an admin of {labs}.</source>
        <translation>{name} kann die PIN von {user} nicht festlegen: Dazu ist ein Admin von {labs} nötig.</translation>
    </message>
    <message>
        <source>{name} cannot set {user}&apos;s PIN: that needs an admin of a lab of theirs.</source>
        <translation>{name} kann die PIN von {user} nicht festlegen: Dazu ist ein Admin eines Labors dieser Person nötig.</translation>
    </message>
    <message>
        <source>There is no location {path_or_barcode!r}.</source>
        <translation>Es gibt keinen Lagerort {path_or_barcode!r}.</translation>
    </message>
    <message>
        <source>There is already a listing config called {name!r} in {lab}.</source>
        <translation>In {lab} gibt es bereits eine Listenkonfiguration namens {name!r}.</translation>
    </message>
    <message>
        <source>There is no listing config {name_or_id!r} in this lab.</source>
        <translation>In diesem Labor gibt es keine Listenkonfiguration {name_or_id!r}.</translation>
    </message>
</context>
<context>
    <name>Anchoring</name>
    <message>
        <source>There is no file {path}.</source>
        <translation>Es gibt keine Datei {path}.</translation>
    </message>
    <message>
        <source>Cannot read {path} ({strerror}).</source>
        <translation>{path} kann nicht gelesen werden ({strerror}).</translation>
    </message>
    <message>
        <source>{path} is neither a session report (.xlsx) nor an anchor file.</source>
        <translation>{path} ist weder ein Sitzungsbericht (.xlsx) noch eine Ankerdatei.</translation>
    </message>
    <message>
        <source>{path} holds no anchor (an anchor file has one a line).</source>
        <translation>{path} enthält keinen Anker (eine Ankerdatei hat einen je Zeile).</translation>
    </message>
    <message>
        <source>{path} is not a session report this program can read (no Summary sheet).</source>
        <translation>{path} ist kein Sitzungsbericht, den dieses Programm lesen kann (kein Blatt „Zusammenfassung“).</translation>
    </message>
    <message>
        <source>The report {path} holds no anchor: it was exported while its session was active, or the session ended before anchors existed.</source>
        <translation>Der Bericht {path} enthält keinen Anker: Er wurde exportiert, während seine Sitzung lief, oder die Sitzung endete, bevor es Anker gab.</translation>
    </message>
</context>
<context>
    <name>AuthService</name>
    <message>
        <source>Unknown user or wrong PIN.</source>
        <translation>Unbekannter Benutzer oder falsche PIN.</translation>
    </message>
    <message>
        <source>A PIN must be {low} to {high} digits.</source>
        <translation>Eine PIN muss {low} bis {high} Ziffern haben.</translation>
    </message>
    <message>
        <source>{name} is locked after {tries} wrong PINs; try again in {minutes} or ask an admin.</source>
        <translation>{name} ist nach {tries} falschen PINs gesperrt; versuchen Sie es in {minutes} erneut oder fragen Sie einen Admin.</translation>
    </message>
    <message>
        <source>{count} minute</source>
        <translation>{count} Minute</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count} Minuten</translation>
    </message>
    <message>
        <source>{name} cannot {doing} in {lab}: that needs the {needed} role (you are not a member).</source>
        <translation>{name} darf in {lab} nicht {doing}: Dazu ist die Rolle {needed} nötig (Sie sind kein Mitglied).</translation>
    </message>
    <message>
        <source>{name} cannot {doing} in {lab}: that needs the {needed} role (you are a {role}).</source>
        <translation>{name} darf in {lab} nicht {doing}: Dazu ist die Rolle {needed} nötig (Ihre Rolle: {role}).</translation>
    </message>
    <message>
        <source>There is no user called {name!r}.</source>
        <translation>Es gibt keinen Benutzer namens {name!r}.</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>{dest} is a folder; give a file name for the backup.</source>
        <translation>{dest} ist ein Ordner; geben Sie einen Dateinamen für die Sicherung an.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>Der Ordner {parent} existiert nicht.</translation>
    </message>
    <message>
        <source>The backup cannot overwrite the database it copies.</source>
        <translation>Die Sicherung kann nicht die Datenbank überschreiben, die sie kopiert.</translation>
    </message>
    <message>
        <source>The database is damaged ({value}): no backup was written. Put the last good backup in place with &apos;recon-desktop restore BACKUP&apos; (the damaged file is kept beside it).</source>
        <translation>Die Datenbank ist beschädigt ({value}): Es wurde keine Sicherung geschrieben. Spielen Sie die letzte gute Sicherung mit &apos;recon-desktop restore BACKUP&apos; ein (die beschädigte Datei bleibt daneben erhalten).</translation>
    </message>
    <message>
        <source>Cannot write the backup to {dest} ({strerror}).</source>
        <translation>Die Sicherung kann nicht nach {dest} geschrieben werden ({strerror}).</translation>
    </message>
    <message>
        <source>The database is damaged ({exc}): no backup was written. Put the last good backup in place with &apos;recon-desktop restore BACKUP&apos; (the damaged file is kept beside it).</source>
        <translation>Die Datenbank ist beschädigt ({exc}): Es wurde keine Sicherung geschrieben. Spielen Sie die letzte gute Sicherung mit &apos;recon-desktop restore BACKUP&apos; ein (die beschädigte Datei bleibt daneben erhalten).</translation>
    </message>
    <message>
        <source>The backup failed: {exc}.</source>
        <translation>Die Sicherung ist fehlgeschlagen: {exc}.</translation>
    </message>
    <message>
        <source>The copy does not verify: {problem}.</source>
        <translation>Die Kopie besteht die Prüfung nicht: {problem}.</translation>
    </message>
    <message>
        <source>pg_dump, PostgreSQL&apos;s backup program, was not found. Install the PostgreSQL client programs of the server&apos;s version or newer (Debian/Ubuntu: apt-get install postgresql-client; Fedora: dnf install postgresql; macOS: brew install libpq; Windows: the PostgreSQL installer), or set {variable} to the folder holding pg_dump, then run the backup again.</source>
        <translation>pg_dump, das Sicherungsprogramm von PostgreSQL, wurde nicht gefunden. Installieren Sie die PostgreSQL-Clientprogramme in der Version des Servers oder neuer (Debian/Ubuntu: apt-get install postgresql-client; Fedora: dnf install postgresql; macOS: brew install libpq; Windows: das PostgreSQL-Installationsprogramm) oder setzen Sie {variable} auf den Ordner mit pg_dump und führen Sie die Sicherung dann erneut aus.</translation>
    </message>
    <message>
        <source>pg_dump could not make the backup: {value}.</source>
        <translation>pg_dump konnte die Sicherung nicht erstellen: {value}.</translation>
    </message>
    <message>
        <source>The backup does not read back ({value}); try again.</source>
        <translation>Die Sicherung lässt sich nicht zurücklesen ({value}); versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Barcodes</name>
    <message>
        <source>That scan contains unreadable characters; check the scanner&apos;s keyboard layout and scan again.</source>
        <translation>Dieser Scan enthält unlesbare Zeichen; prüfen Sie die Tastaturbelegung des Scanners und scannen Sie erneut.</translation>
    </message>
    <message>
        <source>That scan contains invisible characters (direction marks or zero-width spaces) that could make it look like another code; it was not taken. Scan the label again.</source>
        <translation>Dieser Scan enthält unsichtbare Zeichen (Richtungszeichen oder Leerzeichen ohne Breite), durch die er wie ein anderer Code aussehen könnte; er wurde nicht übernommen. Scannen Sie das Etikett erneut.</translation>
    </message>
    <message>
        <source>That scan is too long to be a barcode ({count} characters); check the scanner and scan again.</source>
        <translation>Dieser Scan ist zu lang für einen Barcode ({count} Zeichen); prüfen Sie den Scanner und scannen Sie erneut.</translation>
    </message>
</context>
<context>
    <name>BatchFile</name>
    <message>
        <source>{text!r} is not an ISO date and time.</source>
        <translation>{text!r} ist kein ISO-Datum mit Uhrzeit.</translation>
    </message>
</context>
<context>
    <name>BatchService</name>
    <message>
        <source>line {number}: {sentence}</source>
        <translation>Zeile {number}: {sentence}</translation>
    </message>
    <message>
        <source>already loaded</source>
        <translation>bereits geladen</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lagerort-Scans</translation>
    </message>
    <message>
        <source>{count} {what}</source>
        <translation>{count} {what}</translation>
    </message>
    <message>
        <source>Loaded into session #{session}: {loaded}</source>
        <translation>In Sitzung #{session} geladen: {loaded}</translation>
    </message>
    <message>
        <source>no scans</source>
        <translation>keine Scans</translation>
    </message>
    <message>
        <source>{count} expired bottle</source>
        <translation>{count} abgelaufene Flasche</translation>
    </message>
    <message>
        <source>{count} expired bottles</source>
        <translation>{count} abgelaufene Flaschen</translation>
    </message>
    <message>
        <source>{count} line fits several items (none counted)</source>
        <translation>{count} Zeile passt zu mehreren Artikeln (keiner gezählt)</translation>
    </message>
    <message>
        <source>{count} lines fit several items (none counted)</source>
        <translation>{count} Zeilen passen zu mehreren Artikeln (keiner gezählt)</translation>
    </message>
    <message>
        <source>{count} line refused</source>
        <translation>{count} Zeile abgelehnt</translation>
    </message>
    <message>
        <source>{count} lines refused</source>
        <translation>{count} Zeilen abgelehnt</translation>
    </message>
    <message>
        <source>{parts}.</source>
        <translation>{parts}.</translation>
    </message>
    <message>
        <source>{summary} Stopped on request: the lines after were not loaded (load the file again to add them; nothing is recorded twice).</source>
        <translation>{summary} Auf Wunsch angehalten: Die folgenden Zeilen wurden nicht geladen (laden Sie die Datei erneut, um sie hinzuzufügen; nichts wird doppelt erfasst).</translation>
    </message>
    <message>
        <source>Cannot read {path} ({strerror}).</source>
        <translation>{path} kann nicht gelesen werden ({strerror}).</translation>
    </message>
    <message>
        <source>{path} is UTF-16 text; save it as UTF-8 (one barcode a line) and load it again.</source>
        <translation>{path} ist UTF-16-Text; speichern Sie die Datei als UTF-8 (ein Barcode je Zeile) und laden Sie sie erneut.</translation>
    </message>
    <message>
        <source>not UTF-8 text; the line was not loaded.</source>
        <translation>kein UTF-8-Text; die Zeile wurde nicht geladen.</translation>
    </message>
    <message>
        <source>Loading stopped at line {number} of {name}: the lines before it were loaded, it and the rest were not; load the file again once the cause is gone (nothing is recorded twice).</source>
        <translation>Das Laden hielt bei Zeile {number} von {name} an: Die Zeilen davor wurden geladen, diese und die übrigen nicht; laden Sie die Datei erneut, sobald die Ursache behoben ist (nichts wird doppelt erfasst).</translation>
    </message>
    <message>
        <source>{line} fits {count} items: {candidates}. None was counted; scan the bottle in the window to choose which one it is.</source>
        <translation>{line} passt zu {count} Artikeln: {candidates}. Keiner wurde gezählt; scannen Sie die Flasche im Fenster, um zu wählen, welcher es ist.</translation>
    </message>
    <message>
        <source>{line} is not a known barcode. {guess}</source>
        <translation>{line} ist kein bekannter Barcode. {guess}</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>{label} (UTC)</source>
        <translation>{label} (UTC)</translation>
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
        <source>Ingredient type</source>
        <translation>Inhaltsstofftyp</translation>
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
        <source>Status</source>
        <translation>Status</translation>
    </message>
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
        <source>Last verified</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <source>Scanned at</source>
        <translation>Gescannt am</translation>
    </message>
    <message>
        <source>Scanned by</source>
        <translation>Gescannt von</translation>
    </message>
    <message>
        <source>Lot on the label</source>
        <translation>Charge auf dem Etikett</translation>
    </message>
    <message>
        <source>Expiry on the label</source>
        <translation>Verfallsdatum auf dem Etikett</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>{value} is not a database path or a postgresql:// URL.</source>
        <translation>{value} ist weder ein Datenbankpfad noch eine postgresql://-URL.</translation>
    </message>
    <message>
        <source>The database {path} is on a network share ({share}). SQLite over a network file system can corrupt the file; for shared use point every workstation at a PostgreSQL server instead.</source>
        <translation>Die Datenbank {path} liegt auf einer Netzwerkfreigabe ({share}). SQLite über ein Netzwerkdateisystem kann die Datei beschädigen; für die gemeinsame Nutzung verbinden Sie stattdessen jeden Arbeitsplatz mit einem PostgreSQL-Server.</translation>
    </message>
    <message>
        <source>The database {path} is in a folder {service} synchronises. A sync program copies the file while it is being written and can damage it or make conflicting copies; keep the database in a local folder (the default), and share through a PostgreSQL server.</source>
        <translation>Die Datenbank {path} liegt in einem Ordner, den {service} synchronisiert. Ein Synchronisationsprogramm kopiert die Datei, während sie geschrieben wird, und kann sie beschädigen oder widersprüchliche Kopien anlegen; halten Sie die Datenbank in einem lokalen Ordner (Standard) und teilen Sie sie über einen PostgreSQL-Server.</translation>
    </message>
    <message>
        <source>Cannot connect to the database server {server}: {reason}.</source>
        <translation>Keine Verbindung zum Datenbankserver {server}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot reach the database at {path} ({value}); check that the folder exists and that you may use it.</source>
        <translation>Die Datenbank unter {path} ist nicht erreichbar ({value}); prüfen Sie, ob der Ordner existiert und Sie ihn verwenden dürfen.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} ist ein Ordner, keine Datenbankdatei.</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>Unter {path} gibt es keine Datenbank.</translation>
    </message>
    <message>
        <source>Cannot create the folder for the database at {parent} ({strerror}).</source>
        <translation>Der Ordner für die Datenbank unter {parent} kann nicht angelegt werden ({strerror}).</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only: a new database cannot be made there. Ask IT to make it writable for you, or choose another place.</source>
        <translation>Der Ordner {folder} ist schreibgeschützt: Dort kann keine neue Datenbank angelegt werden. Bitten Sie die IT, ihn für Sie beschreibbar zu machen, oder wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>The database file {path} may not be read by you; ask IT for access.</source>
        <translation>Sie dürfen die Datenbankdatei {path} nicht lesen; bitten Sie die IT um Zugriff.</translation>
    </message>
    <message>
        <source>Cannot read the database file {path} ({strerror}).</source>
        <translation>Die Datenbankdatei {path} kann nicht gelesen werden ({strerror}).</translation>
    </message>
    <message>
        <source>The database file {path} is empty (0 bytes): it was cut off, for example by a full disk or an unfinished copy. Restore it from a backup, or remove the empty file to start a new database there.</source>
        <translation>Die Datenbankdatei {path} ist leer (0 Byte): Sie wurde abgeschnitten, etwa durch einen vollen Datenträger oder eine unvollständige Kopie. Stellen Sie sie aus einer Sicherung wieder her oder entfernen Sie die leere Datei, um dort eine neue Datenbank zu beginnen.</translation>
    </message>
    <message>
        <source>the names of its tables cannot be read</source>
        <translation>die Namen ihrer Tabellen sind nicht lesbar</translation>
    </message>
    <message>
        <source>This database was not made by recon-desktop; choose another file.</source>
        <translation>Diese Datenbank wurde nicht von recon-desktop angelegt; wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>Restore it from a backup: put the last good backup in place with &apos;recon-desktop restore BACKUP&apos; (the damaged file is kept beside it).</source>
        <translation>Stellen Sie sie aus einer Sicherung wieder her: Spielen Sie die letzte gute Sicherung mit &apos;recon-desktop restore BACKUP&apos; ein (die beschädigte Datei bleibt daneben erhalten).</translation>
    </message>
    <message>
        <source>The database is damaged ({what}). Nothing more will be saved to it. {advice}</source>
        <translation>Die Datenbank ist beschädigt ({what}). Es wird nichts mehr darin gespeichert. {advice}</translation>
    </message>
    <message>
        <source>{subject} is not a readable recon-desktop database (it may be damaged). {advice}</source>
        <translation>{subject} ist keine lesbare recon-desktop-Datenbank (sie ist möglicherweise beschädigt). {advice}</translation>
    </message>
    <message>
        <source>Cannot use the folder of the database {parent} ({value}); check that you may write there.</source>
        <translation>Der Ordner der Datenbank {parent} kann nicht verwendet werden ({value}); prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot lock {path} ({value}), so a second copy of the program could open the database too; move the database to a local disk, or use PostgreSQL.</source>
        <translation>{path} kann nicht gesperrt werden ({value}), daher könnte eine zweite Instanz des Programms die Datenbank ebenfalls öffnen; verschieben Sie die Datenbank auf einen lokalen Datenträger oder verwenden Sie PostgreSQL.</translation>
    </message>
    <message>
        <source>recon-desktop is already open on this database ({holder}). Use that window, or close it first.</source>
        <translation>recon-desktop ist mit dieser Datenbank bereits geöffnet ({holder}). Verwenden Sie dieses Fenster oder schließen Sie es zuerst.</translation>
    </message>
    <message>
        <source>Other workstations kept changing the same records; nothing was saved. Try again.</source>
        <translation>Andere Arbeitsplätze haben dieselben Datensätze fortlaufend geändert; es wurde nichts gespeichert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The database server did not answer within {seconds} s; this was not saved. Check the network and the server; work resumes when the server is back.</source>
        <translation>Der Datenbankserver hat nicht innerhalb von {seconds} s geantwortet; dies wurde nicht gespeichert. Prüfen Sie das Netzwerk und den Server; die Arbeit geht weiter, sobald der Server wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>The disk is full: nothing was saved. Free some space, then try again.</source>
        <translation>Der Datenträger ist voll: Es wurde nichts gespeichert. Schaffen Sie Platz und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The database server refused the sign-in for {where}.</source>
        <translation>Der Datenbankserver hat die Anmeldung für {where} abgelehnt.</translation>
    </message>
    <message>
        <source>Another workstation changed the same records at the same moment; nothing was saved. Try again.</source>
        <translation>Ein anderer Arbeitsplatz hat im selben Moment dieselben Datensätze geändert; es wurde nichts gespeichert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The database server for {where} cannot be reached; this was not saved. Check the network; work resumes when the server is back.</source>
        <translation>Der Datenbankserver für {where} ist nicht erreichbar; dies wurde nicht gespeichert. Prüfen Sie das Netzwerk; die Arbeit geht weiter, sobald der Server wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>{subject} is locked by another program; nothing was saved. Close the other program or wait, then try again.</source>
        <translation>{subject} ist von einem anderen Programm gesperrt; es wurde nichts gespeichert. Schließen Sie das andere Programm oder warten Sie und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>{subject} is read-only for you (the file or its folder): nothing was saved. Showing, verifying and exporting still work; to change it, ask IT to make it writable, or work on a copy.</source>
        <translation>{subject} ist für Sie schreibgeschützt (die Datei oder ihr Ordner): Es wurde nichts gespeichert. Anzeigen, Prüfen und Exportieren funktionieren weiterhin; um etwas zu ändern, bitten Sie die IT, sie beschreibbar zu machen, oder arbeiten Sie mit einer Kopie.</translation>
    </message>
    <message>
        <source>Cannot open {where}: check that the folder exists and is writable.</source>
        <translation>{where} kann nicht geöffnet werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>The database server refused this to the role used for {where} ({value}); nothing was saved. The workstations&apos; role may only add and read records: changes of structure and upgrades are run as the owner.</source>
        <translation>Der Datenbankserver hat dies der für {where} verwendeten Rolle verweigert ({value}); es wurde nichts gespeichert. Die Rolle der Arbeitsplätze darf Datensätze nur hinzufügen und lesen: Strukturänderungen und Upgrades laufen als Eigentümer.</translation>
    </message>
    <message>
        <source>Cannot reach the database server for {where}: {value}.</source>
        <translation>Der Datenbankserver für {where} ist nicht erreichbar: {value}.</translation>
    </message>
    <message>
        <source>The database reported a problem: {value}.</source>
        <translation>Die Datenbank hat ein Problem gemeldet: {value}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Der Ordner {folder} existiert nicht.</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only for you.</source>
        <translation>Der Ordner {folder} ist für Sie schreibgeschützt.</translation>
    </message>
    <message>
        <source>There is no database at {path} yet; recon-desktop will create one there on the next start.</source>
        <translation>Unter {path} gibt es noch keine Datenbank; recon-desktop legt dort beim nächsten Start eine an.</translation>
    </message>
    <message>
        <source>{shown} holds a database that was not made by recon-desktop; choose another one.</source>
        <translation>{shown} enthält eine Datenbank, die nicht von recon-desktop angelegt wurde; wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>Connected to {shown}: it is empty; recon-desktop will set it up on the next start.</source>
        <translation>Mit {shown} verbunden: Sie ist leer; recon-desktop richtet sie beim nächsten Start ein.</translation>
    </message>
    <message>
        <source>{shown} was written by a newer recon-desktop (schema {version}); update this program to use it.</source>
        <translation>{shown} wurde von einer neueren recon-desktop-Version geschrieben (Schema {version}); aktualisieren Sie dieses Programm, um sie zu verwenden.</translation>
    </message>
    <message>
        <source>Connected to {shown}: a recon-desktop database with {count} lab.</source>
        <translation>Mit {shown} verbunden: eine recon-desktop-Datenbank mit {count} Labor.</translation>
    </message>
    <message>
        <source>Connected to {shown}: a recon-desktop database with {count} labs.</source>
        <translation>Mit {shown} verbunden: eine recon-desktop-Datenbank mit {count} Laboren.</translation>
    </message>
    <message>
        <source>{found} It will be upgraded on the next start (after a backup).</source>
        <translation>{found} Sie wird beim nächsten Start aktualisiert (nach einer Sicherung).</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>The database already has labs; demo data goes into an empty one.</source>
        <translation>Die Datenbank hat bereits Labore; Demodaten kommen nur in eine leere Datenbank.</translation>
    </message>
    <message>
        <source>This session has ended; scans are no longer accepted.</source>
        <translation>Diese Sitzung ist beendet; Scans werden nicht mehr angenommen.</translation>
    </message>
</context>
<context>
    <name>Doing</name>
    <message>
        <source>move items</source>
        <translation>Artikel verschieben</translation>
    </message>
    <message>
        <source>split items</source>
        <translation>Artikel aufteilen</translation>
    </message>
    <message>
        <source>change items</source>
        <translation>Artikel ändern</translation>
    </message>
    <message>
        <source>archive items</source>
        <translation>Artikel archivieren</translation>
    </message>
    <message>
        <source>add users or change roles</source>
        <translation>Benutzer hinzufügen oder Rollen ändern</translation>
    </message>
    <message>
        <source>add listing configs</source>
        <translation>Listenkonfigurationen hinzufügen</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>scannen</translation>
    </message>
    <message>
        <source>import inventory</source>
        <translation>Bestand importieren</translation>
    </message>
    <message>
        <source>register items</source>
        <translation>Artikel registrieren</translation>
    </message>
    <message>
        <source>start a session</source>
        <translation>eine Sitzung starten</translation>
    </message>
    <message>
        <source>join a session</source>
        <translation>einer Sitzung beitreten</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>There is no field called {name!r}; use one of: {known}.</source>
        <translation>Es gibt kein Feld namens {name!r}; verwenden Sie eines von: {known}.</translation>
    </message>
    <message>
        <source>The filter {text!r} needs a field and an operator, e.g. &apos;status = active&apos;.</source>
        <translation>Der Filter {text!r} braucht ein Feld und einen Operator, z. B. &apos;status = active&apos;.</translation>
    </message>
    <message>
        <source>{field} cannot be used in a filter.</source>
        <translation>{field} kann nicht in einem Filter verwendet werden.</translation>
    </message>
    <message>
        <source>{field}: {op!r} is not an operator; use one of {known}.</source>
        <translation>{field}: {op!r} ist kein Operator; verwenden Sie einen von: {known}.</translation>
    </message>
    <message>
        <source>{field}: the operator {op!r} does not fit this field; use one of {known}.</source>
        <translation>{field}: Der Operator {op!r} passt nicht zu diesem Feld; verwenden Sie einen von: {known}.</translation>
    </message>
    <message>
        <source>{field}: the value contains unreadable characters.</source>
        <translation>{field}: Der Wert enthält unlesbare Zeichen.</translation>
    </message>
    <message>
        <source>{field}: {op!r} takes no value (got {value!r}).</source>
        <translation>{field}: {op!r} nimmt keinen Wert (angegeben: {value!r}).</translation>
    </message>
    <message>
        <source>{field}: the operator {op!r} needs a value.</source>
        <translation>{field}: Der Operator {op!r} braucht einen Wert.</translation>
    </message>
    <message>
        <source>{field}: &apos;in&apos; needs a comma-separated list of values.</source>
        <translation>{field}: &apos;in&apos; braucht eine durch Kommas getrennte Liste von Werten.</translation>
    </message>
    <message>
        <source>{field}: &apos;between&apos; needs the lower bound first ({low} &gt; {high}).</source>
        <translation>{field}: &apos;between&apos; braucht zuerst die untere Grenze ({low} &gt; {high}).</translation>
    </message>
    <message>
        <source>The column {column!r} is listed twice.</source>
        <translation>Die Spalte {column!r} ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>Wählen Sie mindestens eine Spalte.</translation>
    </message>
    <message>
        <source>{field}: &apos;between&apos; needs two values like &apos;1..5&apos;.</source>
        <translation>{field}: &apos;between&apos; braucht zwei Werte wie &apos;1..5&apos;.</translation>
    </message>
    <message>
        <source>{field}: {reason}.</source>
        <translation>{field}: {reason}.</translation>
    </message>
    <message>
        <source>{field}: {text!r} is out of range (less than {limit}).</source>
        <translation>{field}: {text!r} liegt außerhalb des Bereichs (kleiner als {limit}).</translation>
    </message>
    <message>
        <source>{field}: {text!r} has more than {places} decimal places.</source>
        <translation>{field}: {text!r} hat mehr als {places} Nachkommastellen.</translation>
    </message>
    <message>
        <source>{field}: {text!r} is not a status; use {first} or {second}.</source>
        <translation>{field}: {text!r} ist kein Status; verwenden Sie {first} oder {second}.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>{field}: {text!r} is not a date; write it as YYYY-MM-DD or today+N.</source>
        <translation>{field}: {text!r} ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder today+N.</translation>
    </message>
</context>
<context>
    <name>ImportCells</name>
    <message>
        <source>barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>ingredient type</source>
        <translation>Inhaltsstofftyp</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>the {what} contains control characters</source>
        <translation>„{what}“ enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>the {what} is too long ({length} characters; at most {limit})</source>
        <translation>„{what}“ ist zu lang ({length} Zeichen; höchstens {limit})</translation>
    </message>
    <message>
        <source>the barcode arrived as the number {number}, not as text; format the column as Text and type the barcodes again</source>
        <translation>der Barcode kam als Zahl {number}, nicht als Text; formatieren Sie die Spalte als Text und geben Sie die Barcodes erneut ein</translation>
    </message>
    <message>
        <source>the barcode arrived as a number with more than {limit} digits ({digits}); a spreadsheet keeps only {limit}, so digits were lost. Format the column as Text and type the barcodes again</source>
        <translation>der Barcode kam als Zahl mit mehr als {limit} Ziffern ({digits}); eine Tabellenkalkulation behält nur {limit}, daher gingen Ziffern verloren. Formatieren Sie die Spalte als Text und geben Sie die Barcodes erneut ein</translation>
    </message>
    <message>
        <source>the barcode is empty</source>
        <translation>der Barcode ist leer</translation>
    </message>
    <message>
        <source>the barcode holds invisible characters or full-width forms, which a scanner never sends as they are; type it again in plain characters</source>
        <translation>der Barcode enthält unsichtbare Zeichen oder Vollbreitenformen, die ein Scanner nie so sendet; geben Sie ihn erneut in einfachen Zeichen ein</translation>
    </message>
    <message>
        <source>the quantity must be a number, not {value}</source>
        <translation>die Menge muss eine Zahl sein, nicht {value}</translation>
    </message>
    <message>
        <source>the quantity {reason}</source>
        <translation>die Menge: {reason}</translation>
    </message>
    <message>
        <source>the quantity must be a number, not {text!r}</source>
        <translation>die Menge muss eine Zahl sein, nicht {text!r}</translation>
    </message>
    <message>
        <source>the quantity cannot be negative ({value})</source>
        <translation>die Menge darf nicht negativ sein ({value})</translation>
    </message>
    <message>
        <source>a quantity must be less than {limit}</source>
        <translation>eine Menge muss kleiner als {limit} sein</translation>
    </message>
    <message>
        <source>a quantity can have at most {places} decimal places ({value} has more)</source>
        <translation>eine Menge darf höchstens {places} Nachkommastellen haben ({value} hat mehr)</translation>
    </message>
    <message>
        <source>the expiry arrived as the number {number}, not a date; format the cell as a date or write YYYY-MM-DD</source>
        <translation>das Verfallsdatum kam als Zahl {number}, nicht als Datum; formatieren Sie die Zelle als Datum oder schreiben Sie JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>the expiry {text!r} is not a date; write it as YYYY-MM-DD</source>
        <translation>das Verfallsdatum {text!r} ist kein Datum; schreiben Sie es als JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>the status must be active or archived, not {text!r}</source>
        <translation>der Status muss active oder archived sein, nicht {text!r}</translation>
    </message>
    <message>
        <source>the location is empty (write a path like &apos;Building 1/Room 101&apos;)</source>
        <translation>der Lagerort ist leer (schreiben Sie einen Pfad wie &apos;Gebäude 1/Raum 101&apos;)</translation>
    </message>
    <message>
        <source>the location part {part!r}… is too long (at most 200)</source>
        <translation>der Lagerort-Teil {part!r}… ist zu lang (höchstens 200)</translation>
    </message>
    <message>
        <source>the {what} is empty</source>
        <translation>„{what}“ ist leer</translation>
    </message>
</context>
<context>
    <name>ImportProblem</name>
    <message>
        <source>Row {row}, {column}: {reason}</source>
        <translation>Zeile {row}, {column}: {reason}</translation>
    </message>
    <message>
        <source>formula cells are refused; replace the formula by its value</source>
        <translation>Formelzellen werden abgelehnt; ersetzen Sie die Formel durch ihren Wert</translation>
    </message>
    <message>
        <source>the barcode {barcode} is also on row {row}</source>
        <translation>der Barcode {barcode} steht auch in Zeile {row}</translation>
    </message>
    <message>
        <source>cell {cell} holds a formula; formulas are refused, never evaluated: replace it by its value</source>
        <translation>Zelle {cell} enthält eine Formel; Formeln werden abgelehnt, nie ausgewertet: Ersetzen Sie sie durch ihren Wert</translation>
    </message>
</context>
<context>
    <name>ImportRows</name>
    <message>
        <source>There is no import field called {field!r}; use one of: {known}.</source>
        <translation>Es gibt kein Importfeld namens {field!r}; verwenden Sie eines von: {known}.</translation>
    </message>
    <message>
        <source>{file} has no column called {column!r} (chosen for {field}).</source>
        <translation>{file} hat keine Spalte namens {column!r} (gewählt für {field}).</translation>
    </message>
    <message>
        <source>{file} has no {missing} column (its columns: {found}); name the columns Barcode, Ingredient and Location, or choose them.</source>
        <translation>{file} hat keine Spalte für {missing} (ihre Spalten: {found}); benennen Sie die Spalten Barcode, Ingredient und Location oder wählen Sie sie aus.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} oder {second}</translation>
    </message>
    <message>
        <source>{first} or {second} or {third}</source>
        <translation>{first} oder {second} oder {third}</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>{file} has more than {limit} rows; at most {limit} can be imported at once. Split the file.</source>
        <translation>{file} hat mehr als {limit} Zeilen; höchstens {limit} können auf einmal importiert werden. Teilen Sie die Datei auf.</translation>
    </message>
</context>
<context>
    <name>ImportService</name>
    <message>
        <source>{file} ({delimiter}-separated)</source>
        <translation>{file} (Trennzeichen: {delimiter})</translation>
    </message>
    <message>
        <source>{file}: {problems} in {rows}; nothing was imported.</source>
        <translation>{file}: {problems} in {rows}; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>{count} field change</source>
        <translation>{count} geändertes Feld</translation>
    </message>
    <message>
        <source>{count} field changes</source>
        <translation>{count} geänderte Felder</translation>
    </message>
    <message>
        <source>{file}: {rows}: {new} new, {updated} updated ({changes}), {unchanged} unchanged.</source>
        <translation>{file}: {rows}: {new} neu, {updated} aktualisiert ({changes}), {unchanged} unverändert.</translation>
    </message>
    <message>
        <source>{count} row</source>
        <translation>{count} Zeile</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} Zeilen</translation>
    </message>
    <message>
        <source>{count} problem</source>
        <translation>{count} Problem</translation>
    </message>
    <message>
        <source>{count} problems</source>
        <translation>{count} Probleme</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>{name} has a header row but no rows to import.</source>
        <translation>{name} hat eine Kopfzeile, aber keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <source>… and {count} more problems</source>
        <translation>… und {count} weitere Probleme</translation>
    </message>
    <message>
        <source>the barcode arrived as the number {barcode}, and item {item} exists: the leading zeros were lost. Format the column as Text</source>
        <translation>der Barcode kam als Zahl {barcode}, und der Artikel {item} existiert: Die führenden Nullen gingen verloren. Formatieren Sie die Spalte als Text</translation>
    </message>
    <message>
        <source>the barcode arrived as the number {barcode}, shorter than the file&apos;s other {digits}-digit barcodes: leading zeros were probably lost. Format the column as Text</source>
        <translation>der Barcode kam als Zahl {barcode}, kürzer als die übrigen {digits}-stelligen Barcodes der Datei: Wahrscheinlich gingen führende Nullen verloren. Formatieren Sie die Spalte als Text</translation>
    </message>
    <message>
        <source>the barcode {barcode} is the same code as {other} on row {row} ({shown}), written another way</source>
        <translation>der Barcode {barcode} ist derselbe Code wie {other} in Zeile {row} ({shown}), nur anders geschrieben</translation>
    </message>
    <message>
        <source>the barcode {barcode} is the code of {count} items ({barcodes}); import it under one of their barcodes</source>
        <translation>der Barcode {barcode} ist der Code von {count} Artikeln ({barcodes}); importieren Sie ihn unter einem ihrer Barcodes</translation>
    </message>
    <message>
        <source>in the database</source>
        <translation>in der Datenbank</translation>
    </message>
    <message>
        <source>on row {row}</source>
        <translation>in Zeile {row}</translation>
    </message>
    <message>
        <source>{ingredient} is of type {known!r} {where}; this row says {given!r} (an ingredient has one type)</source>
        <translation>{ingredient} hat den Typ {known!r} {where}; diese Zeile sagt {given!r} (ein Inhaltsstoff hat einen Typ)</translation>
    </message>
    <message>
        <source>the barcode {barcode} belongs to an item of lab {lab}, not {chosen}</source>
        <translation>der Barcode {barcode} gehört zu einem Artikel des Labors {lab}, nicht {chosen}</translation>
    </message>
    <message>
        <source>{name} has {problems}; nothing was imported. First: {first}.</source>
        <translation>{name} hat {problems}; es wurde nichts importiert. Erstes: {first}.</translation>
    </message>
    <message>
        <source>{name} changed since it was checked; check it again, then import.</source>
        <translation>{name} hat sich seit der Prüfung geändert; prüfen Sie die Datei erneut und importieren Sie dann.</translation>
    </message>
    <message>
        <source>There is no lab {lab!r}.</source>
        <translation>Es gibt kein Labor {lab!r}.</translation>
    </message>
    <message>
        <source>the barcode {barcode} belongs to lab {lab}</source>
        <translation>der Barcode {barcode} gehört zum Labor {lab}</translation>
    </message>
    <message>
        <source>{name} no longer fits the database ({problems}); nothing was imported. Check it again.</source>
        <translation>{name} passt nicht mehr zur Datenbank ({problems}); es wurde nichts importiert. Prüfen Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>Items in {name} were changed by someone else during the import; nothing was imported. Check the file again.</source>
        <translation>Artikel in {name} wurden während des Imports von jemand anderem geändert; es wurde nichts importiert. Prüfen Sie die Datei erneut.</translation>
    </message>
</context>
<context>
    <name>InventoryService</name>
    <message>
        <source>There is no inventory item with barcode {barcode!r}.</source>
        <translation>Es gibt keinen Artikel mit dem Barcode {barcode!r}.</translation>
    </message>
</context>
<context>
    <name>ItemLabel</name>
    <message>
        <source>Lot {lot}</source>
        <translation>Charge {lot}</translation>
    </message>
    <message>
        <source>Exp {date}</source>
        <translation>Verf. {date}</translation>
    </message>
    <message>
        <source>{lot} · {expiry}</source>
        <translation>{lot} · {expiry}</translation>
    </message>
    <message>
        <source>An empty barcode cannot be printed.</source>
        <translation>Ein leerer Barcode kann nicht gedruckt werden.</translation>
    </message>
    <message>
        <source>{text} cannot be printed as a Code 128 barcode ({reason}); only ASCII characters can.</source>
        <translation>{text} kann nicht als Code-128-Barcode gedruckt werden ({reason}); nur ASCII-Zeichen sind möglich.</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>lot on the label {seen}, recorded {recorded}</source>
        <translation>Charge auf dem Etikett {seen}, erfasst {recorded}</translation>
    </message>
    <message>
        <source>lot on the label {seen}, none recorded</source>
        <translation>Charge auf dem Etikett {seen}, keine erfasst</translation>
    </message>
    <message>
        <source>expiry on the label {seen}, recorded {recorded}</source>
        <translation>Verfallsdatum auf dem Etikett {seen}, erfasst {recorded}</translation>
    </message>
    <message>
        <source>expiry on the label {seen}, none recorded</source>
        <translation>Verfallsdatum auf dem Etikett {seen}, keines erfasst</translation>
    </message>
</context>
<context>
    <name>LayoutGuess</name>
    <message>
        <source>Probably {barcode}, typed for a {scanner} keyboard on a {computer} one.</source>
        <translation>Wahrscheinlich {barcode}, eingegeben für eine Tastatur {scanner} an einer Tastatur {computer}.</translation>
    </message>
    <message>
        <source>Set the scanner&apos;s keyboard country to {computer} (a setup barcode in its manual), or switch this computer&apos;s keyboard to {scanner}, then scan again.</source>
        <translation>Stellen Sie das Tastaturland des Scanners auf {computer} ein (ein Einrichtungs-Barcode in seinem Handbuch) oder stellen Sie die Tastatur dieses Computers auf {scanner} um und scannen Sie dann erneut.</translation>
    </message>
    <message>
        <source>{summary} {advice}</source>
        <translation>{summary} {advice}</translation>
    </message>
</context>
<context>
    <name>Licences</name>
    <message>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>{licence} (from {file})</source>
        <translation>{licence} (aus {file})</translation>
    </message>
</context>
<context>
    <name>Locations</name>
    <message>
        <source>A location path cannot be empty (e.g. &apos;Building 1/Room 101&apos;).</source>
        <translation>Ein Lagerortpfad darf nicht leer sein (z. B. &apos;Gebäude 1/Raum 101&apos;).</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <source>{text!r} is not a number</source>
        <translation>{text!r} ist keine Zahl</translation>
    </message>
    <message>
        <source>{text!r} has more than one separator: write it without thousands separators, e.g. 1234.5</source>
        <translation>{text!r} hat mehr als ein Trennzeichen: Schreiben Sie die Zahl ohne Tausendertrennzeichen, z. B. 1234,5</translation>
    </message>
    <message>
        <source>{text!r} could be {large} (a thousands separator) or {small} (a decimal mark): write {large} for the first, {small} for the second</source>
        <translation>{text!r} könnte {large} (Tausendertrennzeichen) oder {small} (Dezimalzeichen) sein: Schreiben Sie {large} für das eine, {small} für das andere</translation>
    </message>
    <message>
        <source>{text!r} has more than one decimal mark ({mark})</source>
        <translation>{text!r} hat mehr als ein Dezimalzeichen ({mark})</translation>
    </message>
    <message>
        <source>{text!r} mixes {other} with {mark}</source>
        <translation>{text!r} mischt {other} mit {mark}</translation>
    </message>
    <message>
        <source>{text!r} has a thousands separator ({group}) after its decimal mark ({mark})</source>
        <translation>{text!r} hat ein Tausendertrennzeichen ({group}) nach dem Dezimalzeichen ({mark})</translation>
    </message>
    <message>
        <source>{text!r} has a thousands separator ({group}) where no group of three digits follows it: write it without, e.g. {example}</source>
        <translation>{text!r} hat ein Tausendertrennzeichen ({group}), dem keine Dreiergruppe von Ziffern folgt: Schreiben Sie die Zahl ohne, z. B. {example}</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>The outbox for scans the server cannot take, {path}, cannot be used ({exc}); scans are not kept while the server is away.</source>
        <translation>Der Zwischenspeicher für Scans, die der Server nicht annehmen kann ({path}), ist nicht nutzbar ({exc}); Scans werden nicht aufbewahrt, solange der Server nicht erreichbar ist.</translation>
    </message>
    <message>
        <source>The outbox {path} could not be written ({exc}); this scan was not kept.</source>
        <translation>Der Zwischenspeicher {path} konnte nicht geschrieben werden ({exc}); dieser Scan wurde nicht aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>OutboxService</name>
    <message>
        <source>{choice} Scan it again to choose.</source>
        <translation>{choice} Scannen Sie erneut, um zu wählen.</translation>
    </message>
</context>
<context>
    <name>Quantities</name>
    <message>
        <source>quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>A quantity must be less than {limit}.</source>
        <translation>Eine Menge muss kleiner als {limit} sein.</translation>
    </message>
    <message>
        <source>A quantity can have at most {places} decimal places ({value} has more).</source>
        <translation>Eine Menge darf höchstens {places} Nachkommastellen haben ({value} hat mehr).</translation>
    </message>
    <message>
        <source>The {what} {reason}.</source>
        <translation>Die Angabe „{what}“: {reason}.</translation>
    </message>
    <message>
        <source>The {what} must be a number, not {text!r}.</source>
        <translation>Die Angabe „{what}“ muss eine Zahl sein, nicht {text!r}.</translation>
    </message>
    <message>
        <source>The {what} must be a number, not {value}.</source>
        <translation>Die Angabe „{what}“ muss eine Zahl sein, nicht {value}.</translation>
    </message>
    <message>
        <source>The {what} cannot be negative ({value}).</source>
        <translation>Die Angabe „{what}“ darf nicht negativ sein ({value}).</translation>
    </message>
</context>
<context>
    <name>Queries</name>
    <message>
        <source>Cannot sort by {sort!r}.</source>
        <translation>Nach {sort!r} kann nicht sortiert werden.</translation>
    </message>
</context>
<context>
    <name>Readers</name>
    <message>
        <source>{name} is an old .xls workbook; save it as .xlsx or .csv.</source>
        <translation>{name} ist eine alte .xls-Arbeitsmappe; speichern Sie sie als .xlsx oder .csv.</translation>
    </message>
    <message>
        <source>There is no file {path}.</source>
        <translation>Es gibt keine Datei {path}.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} ist leer.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; at most {limit} MB can be imported at once. Split the file.</source>
        <translation>{name} ist {size} MB groß; höchstens {limit} MB können auf einmal importiert werden. Teilen Sie die Datei auf.</translation>
    </message>
    <message>
        <source>{name} is password-protected (encrypted) or an old .xls workbook; save it as an unprotected .xlsx file, then import it.</source>
        <translation>{name} ist kennwortgeschützt (verschlüsselt) oder eine alte .xls-Arbeitsmappe; speichern Sie sie als ungeschützte .xlsx-Datei und importieren Sie sie dann.</translation>
    </message>
    <message>
        <source>{name} is not an .xlsx workbook (it is not a zip file); save it from the spreadsheet program as .xlsx or .csv.</source>
        <translation>{name} ist keine .xlsx-Arbeitsmappe (keine ZIP-Datei); speichern Sie sie aus der Tabellenkalkulation als .xlsx oder .csv.</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>senkrechter Strich</translation>
    </message>
    <message>
        <source>{encoding!r} is not a known text encoding.</source>
        <translation>{encoding!r} ist keine bekannte Textkodierung.</translation>
    </message>
    <message>
        <source>{name} is not a text file (it contains NUL bytes); import .csv or .xlsx.</source>
        <translation>{name} ist keine Textdatei (sie enthält NUL-Bytes); importieren Sie .csv oder .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not {chosen} text (byte 0x{raw} at position {start}); choose its encoding, e.g. cp1252 or latin-1.</source>
        <translation>{name} ist kein {chosen}-Text (Byte 0x{raw} an Position {start}); wählen Sie ihre Kodierung, z. B. cp1252 oder latin-1.</translation>
    </message>
    <message>
        <source>{name} is not readable CSV ({exc}).</source>
        <translation>{name} ist kein lesbares CSV ({exc}).</translation>
    </message>
    <message>
        <source>{name} is not readable CSV near line {line} ({exc}).</source>
        <translation>{name} ist um Zeile {line} kein lesbares CSV ({exc}).</translation>
    </message>
    <message>
        <source>{name} is not an .xlsx workbook (it has no workbook part).</source>
        <translation>{name} ist keine .xlsx-Arbeitsmappe (ihr fehlt der Arbeitsmappenteil).</translation>
    </message>
    <message>
        <source>{name} contains XML entity declarations (a possible entity bomb); it was not read.</source>
        <translation>{name} enthält XML-Entitätsdeklarationen (eine mögliche Entity-Bombe); die Datei wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>{name} is damaged: its workbook part is not valid XML.</source>
        <translation>{name} ist beschädigt: Ihr Arbeitsmappenteil ist kein gültiges XML.</translation>
    </message>
    <message>
        <source>{name} has no sheets.</source>
        <translation>{name} hat keine Blätter.</translation>
    </message>
    <message>
        <source>{name} is damaged: its first sheet is missing.</source>
        <translation>{name} ist beschädigt: Ihr erstes Blatt fehlt.</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated (its zip directory cannot be read).</source>
        <translation>{name} ist beschädigt oder abgeschnitten (ihr ZIP-Verzeichnis ist nicht lesbar).</translation>
    </message>
    <message>
        <source>{name} is encrypted; save it without a password.</source>
        <translation>{name} ist verschlüsselt; speichern Sie sie ohne Kennwort.</translation>
    </message>
    <message>
        <source>{name} would inflate to {size} MB from {packed} KB (a zip bomb?); it was not read.</source>
        <translation>{name} würde sich von {packed} KB auf {size} MB entpacken (eine ZIP-Bombe?); die Datei wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>{name} claims {rows} rows; at most {limit} rows can be imported at once. Split the file.</source>
        <translation>{name} gibt {rows} Zeilen an; höchstens {limit} Zeilen können auf einmal importiert werden. Teilen Sie die Datei auf.</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated ({value}).</source>
        <translation>{name} ist beschädigt oder abgeschnitten ({value}).</translation>
    </message>
    <message>
        <source>{name} cannot be read as a workbook ({exc}).</source>
        <translation>{name} kann nicht als Arbeitsmappe gelesen werden ({exc}).</translation>
    </message>
    <message>
        <source>The first sheet of {name} is empty.</source>
        <translation>Das erste Blatt von {name} ist leer.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Long text</source>
        <translation>Langer Text</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Scans</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Not scanned</source>
        <translation>Nicht gescannt</translation>
    </message>
    <message>
        <source>Scanned not in listing</source>
        <translation>Gescannt, nicht in Liste</translation>
    </message>
    <message>
        <source>All in listing</source>
        <translation>Alle in der Liste</translation>
    </message>
    <message>
        <source>Scan #</source>
        <translation>Scan-Nr.</translation>
    </message>
    <message>
        <source>Scanned at (UTC)</source>
        <translation>Gescannt am (UTC)</translation>
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
        <source>Raw barcode (as read, controls shown)</source>
        <translation>Rohbarcode (wie gelesen, Steuerzeichen sichtbar)</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Item barcode</source>
        <translation>Artikel-Barcode</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Inhaltsstoff</translation>
    </message>
    <message>
        <source>Location as seen</source>
        <translation>Lagerort wie gesehen</translation>
    </message>
    <message>
        <source>Quantity as seen</source>
        <translation>Menge wie gesehen</translation>
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
        <source>Undoes or follows scan #</source>
        <translation>Macht rückgängig oder folgt Scan-Nr.</translation>
    </message>
    <message>
        <source>Lot on the label</source>
        <translation>Charge auf dem Etikett</translation>
    </message>
    <message>
        <source>Expiry on the label</source>
        <translation>Verfallsdatum auf dem Etikett</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>The label says</source>
        <translation>Das Etikett sagt</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Alter Wert</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Neuer Wert</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Printed &amp;D &amp;T</source>
        <translation>Gedruckt &amp;D &amp;T</translation>
    </message>
    <message>
        <source>Page &amp;P of &amp;N</source>
        <translation>Seite &amp;P von &amp;N</translation>
    </message>
    <message>
        <source>sheet &apos;{sheet}&apos; row {row}</source>
        <translation>Blatt &apos;{sheet}&apos; Zeile {row}</translation>
    </message>
    <message>
        <source>Fact</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Blatt</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Part {number}</source>
        <translation>Teil {number}</translation>
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
        <source>(still active)</source>
        <translation>(noch aktiv)</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Session #</source>
        <translation>Sitzungs-Nr.</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Listing config</source>
        <translation>Listenkonfiguration</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Filters (frozen at start)</source>
        <translation>Filter (beim Start festgeschrieben)</translation>
    </message>
    <message>
        <source>(none: every active item of the lab)</source>
        <translation>(keine: jeder aktive Artikel des Labors)</translation>
    </message>
    <message>
        <source>Filter {number} (frozen at start)</source>
        <translation>Filter {number} (beim Start festgeschrieben)</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <source>Started at (UTC)</source>
        <translation>Gestartet am (UTC)</translation>
    </message>
    <message>
        <source>Ended by</source>
        <translation>Beendet von</translation>
    </message>
    <message>
        <source>Ended at (UTC)</source>
        <translation>Beendet am (UTC)</translation>
    </message>
    <message>
        <source>Note at the end</source>
        <translation>Notiz zum Ende</translation>
    </message>
    <message>
        <source>as they are now (the session is still active)</source>
        <translation>wie sie jetzt sind (die Sitzung ist noch aktiv)</translation>
    </message>
    <message>
        <source>as they were when the session ended</source>
        <translation>wie sie beim Ende der Sitzung waren</translation>
    </message>
    <message>
        <source>as they are now (the session ended before this program kept each session&apos;s items as they were at its end)</source>
        <translation>wie sie jetzt sind (die Sitzung endete, bevor dieses Programm die Artikel jeder Sitzung so aufbewahrte, wie sie an ihrem Ende waren)</translation>
    </message>
    <message>
        <source>UTC+00:00: the times here are also that computer&apos;s clock.</source>
        <translation>UTC+00:00: Die Zeiten hier entsprechen auch der Uhr dieses Computers.</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{offset}: add {amount} to a time here for that computer&apos;s clock.</source>
        <translation>{offset}: Addieren Sie {amount} zu einer Zeit hier, um die Uhrzeit dieses Computers zu erhalten.</translation>
    </message>
    <message>
        <source>{offset}: subtract {amount} from a time here for that computer&apos;s clock.</source>
        <translation>{offset}: Ziehen Sie {amount} von einer Zeit hier ab, um die Uhrzeit dieses Computers zu erhalten.</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>Programmversion</translation>
    </message>
    <message>
        <source>Exported at (UTC)</source>
        <translation>Exportiert am (UTC)</translation>
    </message>
    <message>
        <source>Exported by</source>
        <translation>Exportiert von</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>All times in this workbook are UTC.</source>
        <translation>Alle Zeiten in dieser Arbeitsmappe sind UTC.</translation>
    </message>
    <message>
        <source>Local time where exported</source>
        <translation>Ortszeit am Exportort</translation>
    </message>
    <message>
        <source>Cut cells</source>
        <translation>Gekürzte Zellen</translation>
    </message>
    <message>
        <source>{cells} held more than {limit} characters; each was cut and marked [CUT], and its whole text is on sheet &apos;{sheet}&apos;.</source>
        <translation>{cells} enthielten mehr als {limit} Zeichen; jede wurde gekürzt und mit [CUT] markiert, ihr vollständiger Text steht auf dem Blatt &apos;{sheet}&apos;.</translation>
    </message>
    <message>
        <source>{count} cell</source>
        <translation>{count} Zelle</translation>
    </message>
    <message>
        <source>{count} cells</source>
        <translation>{count} Zellen</translation>
    </message>
    <message>
        <source>none: every text is complete</source>
        <translation>keine: Jeder Text ist vollständig</translation>
    </message>
    <message>
        <source>Item details</source>
        <translation>Artikelangaben</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Arbeitsplätze</translation>
    </message>
    <message>
        <source>Expected total</source>
        <translation>Erwartet insgesamt</translation>
    </message>
    <message>
        <source>Scanned (expected items found)</source>
        <translation>Gescannt (erwartete Artikel gefunden)</translation>
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
        <source>Already scanned (repeats)</source>
        <translation>Bereits gescannt (Wiederholungen)</translation>
    </message>
    <message>
        <source>Expired bottles scanned (by their label, else their record)</source>
        <translation>Gescannte abgelaufene Flaschen (nach Etikett, sonst nach Datensatz)</translation>
    </message>
    <message>
        <source>Scans recorded (all, with location scans and undos)</source>
        <translation>Erfasste Scans (alle, mit Lagerort-Scans und Rücknahmen)</translation>
    </message>
    <message>
        <source>Rows on &apos;{sheet}&apos;</source>
        <translation>Zeilen auf &apos;{sheet}&apos;</translation>
    </message>
    <message>
        <source>none yet: it is sealed when the session ends</source>
        <translation>noch keiner: Er wird beim Ende der Sitzung versiegelt</translation>
    </message>
    <message>
        <source>none: the session ended before anchors existed (schema 3)</source>
        <translation>keiner: Die Sitzung endete, bevor es Anker gab (Schema 3)</translation>
    </message>
    <message>
        <source>Sealed: {label}s of {station}</source>
        <translation>Versiegelt: {label} von {station}</translation>
    </message>
    <message>
        <source>up to record {seq}, SHA-256 {digest}</source>
        <translation>bis Datensatz {seq}, SHA-256 {digest}</translation>
    </message>
    <message>
        <source>Checking the anchor</source>
        <translation>Prüfung des Ankers</translation>
    </message>
    <message>
        <source>recon-desktop audit verify --anchor THIS-FILE: fails if the database no longer holds every record sealed here, exactly as it was</source>
        <translation>recon-desktop audit verify --anchor DIESE-DATEI: schlägt fehl, wenn die Datenbank nicht mehr jeden hier versiegelten Datensatz genau so enthält, wie er war</translation>
    </message>
    <message>
        <source>Anchor</source>
        <translation>Anker</translation>
    </message>
    <message>
        <source>Sealed: scans of {station}</source>
        <translation>Versiegelt: Scans von {station}</translation>
    </message>
    <message>
        <source>Sealed: inventory history events of {station}</source>
        <translation>Versiegelt: Bestandshistorie von {station}</translation>
    </message>
    <message>
        <source>Sealed: audit events of {station}</source>
        <translation>Versiegelt: Prüfereignisse von {station}</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>(all stations)</source>
        <translation>(alle Arbeitsplätze)</translation>
    </message>
    <message>
        <source>Scans after #</source>
        <translation>Scans nach Nr.</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>There is no backup file at {source}.</source>
        <translation>Unter {source} gibt es keine Sicherungsdatei.</translation>
    </message>
    <message>
        <source>{source} is not a recon-desktop database backup.</source>
        <translation>{source} ist keine Datenbanksicherung von recon-desktop.</translation>
    </message>
    <message>
        <source>The backup {source} is damaged ({check}); choose another one.</source>
        <translation>Die Sicherung {source} ist beschädigt ({check}); wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>The backup {source} was written by a newer version of recon-desktop; update the program first.</source>
        <translation>Die Sicherung {source} wurde von einer neueren recon-desktop-Version geschrieben; aktualisieren Sie zuerst das Programm.</translation>
    </message>
    <message>
        <source>restore replaces a SQLite file; for a PostgreSQL server use its own tools.</source>
        <translation>restore ersetzt eine SQLite-Datei; für einen PostgreSQL-Server verwenden Sie dessen eigene Werkzeuge.</translation>
    </message>
    <message>
        <source>A database cannot be restored from itself.</source>
        <translation>Eine Datenbank kann nicht aus sich selbst wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>The session {session!r} is active on workstation {station}; end it there before restoring, or its scans would be lost.</source>
        <translation>Die Sitzung {session!r} ist am Arbeitsplatz {station} aktiv; beenden Sie sie dort vor der Wiederherstellung, sonst gingen ihre Scans verloren.</translation>
    </message>
    <message>
        <source>The restore failed ({exc}); the previous content is saved in {saved}.</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen ({exc}); der vorherige Inhalt ist in {saved} gespeichert.</translation>
    </message>
    <message>
        <source>The restored database does not verify ({problem}); the previous content is saved in {saved}.</source>
        <translation>Die wiederhergestellte Datenbank besteht die Prüfung nicht ({problem}); der vorherige Inhalt ist in {saved} gespeichert.</translation>
    </message>
    <message>
        <source>The restored database does not verify ({problem}).</source>
        <translation>Die wiederhergestellte Datenbank besteht die Prüfung nicht ({problem}).</translation>
    </message>
    <message>
        <source>The restore failed ({exc}); the database is as it was.</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen ({exc}); die Datenbank ist unverändert.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} oder {second}</translation>
    </message>
</context>
<context>
    <name>SafeWrite</name>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>permission was refused (the file may be open in another program or read-only)</source>
        <translation>der Zugriff wurde verweigert (die Datei ist vielleicht in einem anderen Programm geöffnet oder schreibgeschützt)</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>der Datenträger ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>der Ordner existiert nicht</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es ist ein Ordner</translation>
    </message>
    <message>
        <source>Cannot write {target}: it is a folder. Choose a file name.</source>
        <translation>{target} kann nicht geschrieben werden: Es ist ein Ordner. Wählen Sie einen Dateinamen.</translation>
    </message>
    <message>
        <source>Cannot write {target}: the folder {parent} does not exist.</source>
        <translation>{target} kann nicht geschrieben werden: Der Ordner {parent} existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot write {target}: {value}. Nothing was changed.</source>
        <translation>{target} kann nicht geschrieben werden: {value}. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Cannot replace {target}: {value}. The old file was left as it was.</source>
        <translation>{target} kann nicht ersetzt werden: {value}. Die alte Datei blieb unverändert.</translation>
    </message>
</context>
<context>
    <name>ScanChoice</name>
    <message>
        <source>{barcode} fits {count} items; none was counted. Choose which one it is.</source>
        <translation>{barcode} passt zu {count} Artikeln; keiner wurde gezählt. Wählen Sie, welcher es ist.</translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>Charge {lot}</translation>
    </message>
    <message>
        <source>expiry {date}</source>
        <translation>Verfallsdatum {date}</translation>
    </message>
</context>
<context>
    <name>ScanService</name>
    <message>
        <source>This session has ended; scans are no longer accepted. Nothing was saved.</source>
        <translation>Diese Sitzung ist beendet; Scans werden nicht mehr angenommen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>This item is archived.</source>
        <translation>Dieser Artikel ist archiviert.</translation>
    </message>
    <message>
        <source>There is no session #{session_id}.</source>
        <translation>Es gibt keine Sitzung #{session_id}.</translation>
    </message>
    <message>
        <source>Another workstation recorded the same scan at the same moment; nothing was saved twice. Try again.</source>
        <translation>Ein anderer Arbeitsplatz hat im selben Moment denselben Scan erfasst; es wurde nichts doppelt gespeichert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Another workstation changed the same records at the same moment; nothing was saved. Try again.</source>
        <translation>Ein anderer Arbeitsplatz hat im selben Moment dieselben Datensätze geändert; es wurde nichts gespeichert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The item chosen does not carry this code (any more); nothing was saved. Scan it again.</source>
        <translation>Der gewählte Artikel trägt diesen Code nicht (mehr); es wurde nichts gespeichert. Scannen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>This scan&apos;s id was already used in another session; nothing was saved.</source>
        <translation>Die Kennung dieses Scans wurde bereits in einer anderen Sitzung verwendet; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>There is no scan #{scan_id}.</source>
        <translation>Es gibt keinen Scan #{scan_id}.</translation>
    </message>
    <message>
        <source>This session has ended; its scans cannot be undone.</source>
        <translation>Diese Sitzung ist beendet; ihre Scans können nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>The unit is too long (at most 32 characters).</source>
        <translation>Die Einheit ist zu lang (höchstens 32 Zeichen).</translation>
    </message>
    <message>
        <source>This session has ended; nothing can be registered in it.</source>
        <translation>Diese Sitzung ist beendet; darin kann nichts mehr registriert werden.</translation>
    </message>
    <message>
        <source>There is no scan #{scan_id} in this session.</source>
        <translation>In dieser Sitzung gibt es keinen Scan #{scan_id}.</translation>
    </message>
    <message>
        <source>{value} is not an unknown barcode; only an unknown barcode can be registered.</source>
        <translation>{value} ist kein unbekannter Barcode; nur ein unbekannter Barcode kann registriert werden.</translation>
    </message>
    <message>
        <source>The scan of {barcode} was undone; scan it again to register it.</source>
        <translation>Der Scan von {barcode} wurde rückgängig gemacht; scannen Sie ihn erneut, um ihn zu registrieren.</translation>
    </message>
    <message>
        <source>{barcode} was registered already.</source>
        <translation>{barcode} wurde bereits registriert.</translation>
    </message>
    <message>
        <source>There is no location #{location_id}.</source>
        <translation>Es gibt keinen Lagerort #{location_id}.</translation>
    </message>
    <message>
        <source>{barcode} is an inventory item already (registered meanwhile); scan it again.</source>
        <translation>{barcode} ist bereits ein Artikel (inzwischen registriert); scannen Sie ihn erneut.</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>This database was not made by recon-desktop; choose another file.</source>
        <translation>Diese Datenbank wurde nicht von recon-desktop angelegt; wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>This database has no schema version; restore it from a backup.</source>
        <translation>Diese Datenbank hat keine Schemaversion; stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>This database&apos;s schema version ({value!r}) is not a version number: it was edited or damaged. Restore it from a backup.</source>
        <translation>Die Schemaversion dieser Datenbank ({value!r}) ist keine Versionsnummer: Sie wurde bearbeitet oder beschädigt. Stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of recon-desktop (schema {version}; this program knows up to {known}). Update the program to open it.</source>
        <translation>Diese Datenbank wurde von einer neueren recon-desktop-Version geschrieben (Schema {version}; dieses Programm kennt bis {known}). Aktualisieren Sie das Programm, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>This database is read-only for you and holds nothing yet before it can be shown. Ask IT to make it writable, or open a writable copy.</source>
        <translation>Diese Datenbank ist für Sie schreibgeschützt und noch leer; sie muss erst eingerichtet werden, bevor sie angezeigt werden kann. Bitten Sie die IT, sie beschreibbar zu machen, oder öffnen Sie eine beschreibbare Kopie.</translation>
    </message>
    <message>
        <source>This database is read-only for you and was written by an older version (schema {version}): it must be upgraded before it can be shown. Ask IT to make it writable, or open a writable copy.</source>
        <translation>Diese Datenbank ist für Sie schreibgeschützt und wurde von einer älteren Version geschrieben (Schema {version}): Sie muss aktualisiert werden, bevor sie angezeigt werden kann. Bitten Sie die IT, sie beschreibbar zu machen, oder öffnen Sie eine beschreibbare Kopie.</translation>
    </message>
</context>
<context>
    <name>ServerRoles</name>
    <message>
        <source>{name!r} is not a role name this program makes (letters, digits and _ only).</source>
        <translation>{name!r} ist kein Rollenname, den dieses Programm anlegt (nur Buchstaben, Ziffern und _).</translation>
    </message>
    <message>
        <source>server setup is for a PostgreSQL server; a SQLite file has no roles.</source>
        <translation>server setup ist für einen PostgreSQL-Server; eine SQLite-Datei hat keine Rollen.</translation>
    </message>
</context>
<context>
    <name>SessionService</name>
    <message>
        <source>{name} already has an active session in this lab; end it before starting another.</source>
        <translation>{name} hat in diesem Labor bereits eine aktive Sitzung; beenden Sie sie, bevor Sie eine weitere starten.</translation>
    </message>
    <message>
        <source>There is no session #{session_id}.</source>
        <translation>Es gibt keine Sitzung #{session_id}.</translation>
    </message>
    <message>
        <source>There is no session {text!r}.</source>
        <translation>Es gibt keine Sitzung {text!r}.</translation>
    </message>
    <message>
        <source>The time {shown} is before the session started ({started} UTC); the scan was not recorded.</source>
        <translation>Die Zeit {shown} liegt vor dem Start der Sitzung ({started} UTC); der Scan wurde nicht erfasst.</translation>
    </message>
    <message>
        <source>The time {shown} is in the future (more than {value} minutes ahead of this computer); the scan was not recorded.</source>
        <translation>Die Zeit {shown} liegt in der Zukunft (mehr als {value} Minuten nach der Uhr dieses Computers); der Scan wurde nicht erfasst.</translation>
    </message>
    <message>
        <source>The ingredient type is too long (at most 200 characters).</source>
        <translation>Der Inhaltsstofftyp ist zu lang (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>The note is too long (at most 2,000 characters).</source>
        <translation>Die Notiz ist zu lang (höchstens 2.000 Zeichen).</translation>
    </message>
    <message>
        <source>Only {started_by}, who started this session, can end it.</source>
        <translation>Nur wer diese Sitzung gestartet hat ({started_by}), kann sie beenden.</translation>
    </message>
    <message>
        <source>This session has already ended.</source>
        <translation>Diese Sitzung ist bereits beendet.</translation>
    </message>
    <message>
        <source>The anchor is kept in the database and goes into the session report.</source>
        <translation>Der Anker wird in der Datenbank aufbewahrt und in den Sitzungsbericht übernommen.</translation>
    </message>
    <message>
        <source>The anchor could not be added to {file} ({reason}); it is kept in the database and goes into the session report.</source>
        <translation>Der Anker konnte nicht zu {file} hinzugefügt werden ({reason}); er wird in der Datenbank aufbewahrt und in den Sitzungsbericht übernommen.</translation>
    </message>
    <message>
        <source>The anchor was added to {file} and goes into the session report.</source>
        <translation>Der Anker wurde zu {file} hinzugefügt und wird in den Sitzungsbericht übernommen.</translation>
    </message>
    <message>
        <source>The session {name!r} has ended; it cannot be joined.</source>
        <translation>Die Sitzung {name!r} ist beendet; ihr kann nicht beigetreten werden.</translation>
    </message>
</context>
<context>
    <name>Tag</name>
    <message>
        <source>In Scope</source>
        <translation>Im Umfang</translation>
    </message>
    <message>
        <source>Not in Scope</source>
        <translation>Nicht im Umfang</translation>
    </message>
    <message>
        <source>Unknown barcode</source>
        <translation>Unbekannter Barcode</translation>
    </message>
    <message>
        <source>Already scanned</source>
        <translation>Bereits gescannt</translation>
    </message>
</context>
<context>
    <name>View</name>
    <message>
        <source>Not scanned from original listing</source>
        <translation>Nicht gescannt aus der ursprünglichen Liste</translation>
    </message>
    <message>
        <source>Scanned not in original listing</source>
        <translation>Gescannt, nicht in der ursprünglichen Liste</translation>
    </message>
    <message>
        <source>All inventory in original listing</source>
        <translation>Gesamter Bestand der ursprünglichen Liste</translation>
    </message>
</context>
</TS>
