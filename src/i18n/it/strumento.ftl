# Catalogo dei messaggi di Vetrina, in italiano (la lingua predefinita).
# Ogni messaggio ha lo stesso id in en.ftl. Formato: Project Fluent (https://projectfluent.org).

## La riga di comando

cli-about = Crea il sito AgID del catalogo dei servizi di un Centro Servizi Territoriale
cli-usage = Uso:
cli-heading-commands = Comandi
cli-heading-options = Opzioni
cli-heading-arguments = Argomenti
cli-options-token = OPZIONI
cli-command-token = COMANDO
cli-default = predefinito
cli-help = Mostra questo aiuto
cli-version = Mostra la versione
cli-lingua = Lingua dei messaggi: it (predefinita) o en; anche con la variabile VETRINA_LINGUA
cli-build = Crea il sito nella cartella di uscita (sostituita solo se la creazione riesce)
cli-build-root = La cartella del sito (con vetrina.toml, content/, themes/)
cli-build-output = Dove scrivere il sito [predefinito: <root>/output]
cli-build-base_url = Indirizzo pubblico del sito, al posto di `base_url` di vetrina.toml (per esempio per un'anteprima)
cli-build-drafts = Includi i contenuti con `bozza = true`
cli-build-timings = Mostra quanto dura ogni fase della creazione
cli-build-fresh = Rifai ogni file, invece di riprendere quelli non cambiati dall'ultima creazione
cli-check = Controlla tutti i contenuti, i dati e i modelli senza scrivere nulla; esce con errore elencandoli tutti
cli-check-root = { cli-build-root }
cli-check-drafts = { cli-build-drafts }
cli-serve = Crea il sito, lo mostra su questo computer e lo ricrea a ogni modifica (ricarica automatica)
cli-serve-root = { cli-build-root }
cli-serve-port = La porta su cui ascoltare
cli-serve-bind = L'indirizzo su cui ascoltare; 127.0.0.1 tiene l'anteprima su questo computer
cli-serve-drafts = { cli-build-drafts }
cli-init = Crea in DIR un nuovo sito minimo, pronto da costruire
cli-init-dir = La cartella da creare (vuota o inesistente)
cli-nuovo = Crea un nuovo file di contenuto da un modello commentato, che passa `vetrina check` così com'è
cli-nuovo-tipo = Il tipo di contenuto: servizio, tariffa, modulo, convenzione, notizia o pagina
cli-nuovo-slug = Il nome del file, senza .md (lettere minuscole, cifre e trattini, per esempio rao-pubblico)
cli-nuovo-root = { cli-build-root }
cli-lang-unknown = lingua «{ $name }» sconosciuta: scrivete it o en

## Avanzamento e riepiloghi

stage-reading = lettura dei file
stage-content = controllo dei contenuti
stage-model = preparazione del sito
stage-references = controllo dei riferimenti
stage-theme = caricamento del tema
stage-documents = creazione dei documenti
stage-html = creazione delle pagine
stage-links = controllo dei collegamenti
stage-search = indice di ricerca
stage-writing = scrittura del sito
building = Creazione di { $root }
page-not-kept = questa pagina non è cambiata ma non si trova più nella cartella di anteprima: salva di nuovo un file per ricostruire il sito (o riavvia «vetrina serve»).
built-unchanged = Nessun file del sito, del tema o delle impostazioni è cambiato dall'ultima creazione: la cartella di uscita è già aggiornata e resta com'era (con --fresh si rifà tutto).
built = Sito creato: { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagine
    } ({ $services ->
        [one] 1 servizio
       *[other] { $services } servizi
    }), { $documents ->
        [one] 1 documento
       *[other] { $documents } documenti
    }, { $assets } file del tema in { $seconds } s → { $output }
check-ok = Nessun errore: { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagine
    } ({ $services ->
        [one] 1 servizio
       *[other] { $services } servizi
    }) { $pages ->
        [one] controllata
       *[other] controllate
    } in { $seconds } s.
errors-found = { $count ->
        [one] 1 errore trovato
       *[other] { $count } errori trovati
    }; non è stato scritto nulla.
warnings-found = { $count ->
        [one] 1 avviso: il sito si costruisce lo stesso, ma conviene correggerlo.
       *[other] { $count } avvisi: il sito si costruisce lo stesso, ma conviene correggerli.
    }
warning = avviso
error = errore
help = aiuto
memory = , { $now } MB in uso (massimo { $peak } MB)
init-done = Nuovo sito creato in { $dir }.
init-next = Poi: cd { $dir } && npm ci --prefix themes/agid && vetrina build
warn-shallow = la copia git è parziale (shallow): le date «Pagina aggiornata il» potrebbero essere tutte quella dell'ultimo commit; scaricate la storia completa (per esempio `fetch-depth: 0`)
warn-minify-once = i modelli del tema non si possono minimizzare una volta sola (un modello non si legge più una volta minimizzato): si minimizza ogni pagina, con lo stesso risultato ma più lentamente
warn-trim-stale = i modelli o gli script del tema sono cambiati dopo che Bootstrap Italia è stato ridotto per loro: una classe usata per la prima volta resterebbe senza stile; eseguite `npm run trim --prefix { $prefix }`

## Che cosa un contenuto può mettere in una pagina

url-scheme = l'indirizzo «{ $url }» usa `{ $scheme }:`, che il sito non ammette
url-scheme-help = un collegamento può iniziare con https://, http://, mailto: o tel:, oppure essere un percorso del sito come /servizi/
url-scheme-relative = l'indirizzo «{ $url }» inizia con `//`: porta a un altro sito senza dire come
url-scheme-relative-help = scrivete l'indirizzo completo, per esempio "https://esempio.it/pagina"
url-whitespace = l'indirizzo «{ $url }» contiene spazi o caratteri invisibili
url-whitespace-help = togliete gli spazi; uno spazio nel nome di un file si scrive %20
url-not-absolute = «{ $url }» non è un indirizzo completo
url-not-absolute-help = scrivete un indirizzo https://, oppure un percorso del sito che inizia con /, per esempio "/servizi/"
url-empty = l'indirizzo è vuoto
url-in-key = `{ $key }`: { $message }
md-h1 = titolo di livello { $level }: il titolo della pagina è l'unico di livello 1
md-h1-help = iniziate i titoli nel testo con `## `
md-article-twice = due articoli hanno l'ancora `#{ $id }`
md-article-twice-help = date a ogni articolo il suo numero
md-raw-html = l'HTML non è ammesso nei contenuti
md-raw-html-help = scrivetelo in Markdown (per esempio **grassetto**, [collegamento](/servizi/)); all'aspetto della pagina pensa il tema
md-heading-attrs = attributi del titolo non ammessi: `{ $attrs }`
md-heading-attrs-help = a un titolo si può dare solo un'ancora, per esempio `{"{"}#quota-annuale{"}"}`; togliete classi e altri attributi
md-heading-id = l'ancora `#{ $id }` non è valida
md-heading-id-help = un'ancora usa lettere minuscole, cifre e trattini e inizia con una lettera, per esempio `{"{"}#quota-annuale{"}"}`
md-too-deep = elenchi o citazioni annidati per più di { $max } livelli
md-too-deep-help = riducete i livelli: oltre tre o quattro un testo non si legge più
md-too-many = il testo ha più di { $max } elementi (paragrafi, voci, collegamenti)
md-too-many-help = dividete il testo in più pagine

## vetrina.toml

kind-config = vetrina.toml
config-base-url = `base_url` "{ $url }" non è l'indirizzo http(s) di una cartella
config-base-url-help = scrivete l'indirizzo pubblico del sito, senza ? né #, per esempio "https://cst.esempio.it/" o "https://esempio.it/cst/"
config-iva-help = scrivete l'aliquota IVA come testo, per esempio "22"
config-tema = `tema` "{ $name }" non è il nome di una cartella di themes/
config-tema-help = scrivete solo il nome del tema, per esempio "agid": il tema deve stare in themes/<nome>/ dentro il sito
config-accessibility = la dichiarazione di accessibilità deve essere quella pubblicata su form.agid.gov.it
config-accessibility-help = incollate il collegamento che vi dà AgID, per esempio "https://form.agid.gov.it/view/<codice>"

## Intestazione TOML dei file (+++)

kind-service = un servizio
kind-tariff = una tariffa
kind-convention = una convenzione
kind-form = un modulo
kind-page = una pagina
kind-news = una notizia
kind-enti = l'elenco degli Enti aderenti
fm-no-front = manca l'intestazione: il file deve iniziare con una riga `+++`
fm-yaml-help = l'intestazione è in TOML tra due righe `+++`: sostituite le righe `---` con `+++` e scrivete le chiavi come `chiave = "valore"`
fm-no-front-help = iniziate il file con una riga `+++`, poi le chiavi TOML (per esempio `titolo = "..."`), poi un'altra riga `+++`
fm-not-closed = l'intestazione non è mai chiusa: manca la seconda riga `+++`
fm-not-closed-help = aggiungete una riga `+++` dopo l'ultima chiave TOML, prima del testo Markdown
fm-unknown-key = chiave sconosciuta `{ $key }` in { $kind }
fm-unknown-key-did-you-mean = forse intendevate `{ $key }`? Le chiavi di ogni tipo di file sono descritte nella guida (docs/contenuti.md)
fm-unknown-key-valid = chiavi ammesse qui: { $keys }
fm-key-under-table = in TOML una chiave scritta sotto una tabella appartiene a quella tabella: `{ $key }` è letta come parte di `[{ $table }]` (riga { $line }). Spostate `[{ $table }]` con le sue righe dopo le altre chiavi, alla fine dell'intestazione
fm-unknown-value = "{ $value }" non è un valore ammesso
fm-value-did-you-mean = forse intendevate "{ $value }"? Valori ammessi: { $list }
fm-value-allowed = valori ammessi: { $list }
fm-missing = manca la chiave obbligatoria `{ $key }` in { $kind }
fm-missing-help = aggiungete `{ $key } = ...` all'intestazione (vedete docs/contenuti.md)
fm-amount-float = importo { $value } scritto come numero decimale: gli importi devono essere esatti
fm-amount-integer = importo { $value } senza virgolette
fm-amount-help = gli importi si scrivono come testo in euro, tra virgolette e con il punto per i centesimi, per esempio `importo = "650.00"`
fm-negative = il numero { $value } è negativo: qui va un conteggio, da 0 in su
fm-negative-help = scrivete un numero intero senza segno, per esempio `postazioni = 12`
fm-too-large = il numero { $value } è troppo grande per questa chiave
fm-too-large-help = controllate il valore: i limiti di ogni chiave sono nella guida (docs/contenuti.md, «Limiti»)
fm-wrong-type = tipo sbagliato: { $raw }
fm-type-found-expected = c'è { $found }, qui va { $expected }
type-string = un testo
type-boolean = true o false
type-integer = un numero intero
type-float = un numero decimale
type-list = un elenco
type-table = una tabella
type-date = una data
fm-type-date-help = scrivete le date senza virgolette, come AAAA-MM-GG, per esempio `data = 2026-03-15`
fm-type-unquote-help = togliete le virgolette intorno al valore
fm-type-quote-help = mettete il valore tra virgolette doppie
fm-type-list-help = scrivete un elenco tra parentesi quadre, per esempio `["a", "b"]`
fm-type-help = il tipo di ogni chiave è descritto in docs/contenuti.md
fm-bad-date = data o numero non validi: { $raw }
fm-bad-date-text = data non valida: { $raw }
fm-bad-date-help = le date si scrivono AAAA-MM-GG con un mese vero (01-12) e un giorno vero, per esempio `2026-03-15`
fm-invalid-toml = TOML non valido: { $raw }
fm-invalid-toml-help = controllate virgolette, segni `=` e parentesi su questa riga; i testi vanno tra virgolette doppie

## Lettura dei file

load-no-config-help = con `vetrina init { $root }` si crea un nuovo sito; altrimenti indicate con `--root` la cartella del sito
load-no-content = manca la cartella dei contenuti
load-no-content-help = create `content/` con `servizi/`, `tariffe/`, ... (vedete docs/contenuti.md)
load-folder-unreadable = non si riesce a leggere la cartella: { $why }
load-symlink = è un collegamento simbolico (symlink): Vetrina non legge né pubblica file attraverso i collegamenti
load-symlink-help = sostituite il collegamento con una copia del file (un collegamento potrebbe pubblicare un file che sta fuori dal sito)
load-folder-did-you-mean = forse intendevate `content/{ $folder }/`?
load-folders = le cartelle dei contenuti sono: { $folders }
load-unknown-folder = cartella dei contenuti sconosciuta `{ $folder }`
load-not-markdown = non è un file Markdown
load-not-markdown-help = i file dei contenuti finiscono in `.md`; spostate gli altri file altrove (le immagini e i documenti vanno in `static/`)
load-subfolder = i file dei contenuti non possono stare in sottocartelle
load-subfolder-help = spostatelo direttamente in `content/{ $folder }/`
load-unreadable = non si riesce a leggere il file: { $why }
load-not-a-file = non è un file normale
load-too-large = il file è troppo grande ({ $size } KB; il massimo è { $max } KB)
load-too-large-help = dividete il testo in più file: nessuna pagina di un catalogo ha bisogno di tanto testo
load-not-utf8 = il file non è testo UTF-8 (byte { $byte })
load-not-utf8-help = salvate il file con la codifica UTF-8 (nel vostro editor: «Salva con codifica» → UTF-8)

## Errori che ne causano altri

link-also-on = { $message } (e su { $others ->
        [one] un'altra pagina
       *[other] altre { $others } pagine
    })

## vetrina nuovo

nuovo-unknown-kind = «{ $kind }» non è un tipo di contenuto: scrivete uno tra { $kinds }
nuovo-bad-slug = «{ $slug }» non si può usare come nome di file: usate lettere minuscole, cifre e trattini, per esempio rao-pubblico
nuovo-exists = { $path } esiste già: Vetrina non sovrascrive i vostri file; scegliete un altro nome
nuovo-no-site = { $root } non è la cartella di un sito (manca vetrina.toml): entrate nella cartella del sito o usate --root
nuovo-io = non si riesce a scrivere { $path }: { $why }
nuovo-done = Creato { $path }.
nuovo-next = Completatelo seguendo i commenti, poi controllate con `vetrina check` (o guardate l'anteprima con `vetrina serve`).

## L'anteprima (vetrina serve)

serve-bind = non si riesce ad ascoltare su { $addr }: { $why } (la porta è già usata da un altro programma? sceglietene un'altra con `--port`)
serve-watch = non si riescono a seguire le modifiche a { $path }: { $why }
serve-watch-failed = il controllo delle modifiche ai file ha dato un errore: { $why }
serve-stopping = Arresto dell'anteprima…
serve-stopped = Anteprima fermata; cartella temporanea rimossa.
serve-tmp-left = non si riesce a rimuovere la cartella temporanea { $path }: { $why }
serve-built = Sito costruito: { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagine
    } in { $seconds } s
serve-first-errors = { $count ->
        [one] 1 errore: le pagine lo mostrano finché non è corretto.
       *[other] { $count } errori: le pagine li mostrano finché non sono corretti.
    }
serve-rebuilt = Sito ricostruito: { $pages ->
        [one] 1 pagina
       *[other] { $pages } pagine
    } ({ $rendered ->
        [0] nessuna da rifare
        [one] 1 rifatta
       *[other] { $rendered } rifatte
    }) in { $ms } ms
serve-not-rebuilt = Sito non ricostruito: { $count ->
        [one] 1 errore
       *[other] { $count } errori
    }; le pagine restano quelle di prima.
serve-search-updated = Indice di ricerca aggiornato ({ $files } file) in { $ms } ms
serve-listening = Anteprima di { $root } su { $url } (Ctrl-C per fermarla)

## La cartella del sito costruito

write-contains-site = non si scrive il sito in { $path }: quella cartella contiene il sito stesso
write-inside-sources = non si scrive il sito in { $path }: è dentro una cartella che scrivono le redazioni
write-unsafe-help = scegliete una cartella di uscita fuori da `content/` e `themes/` che non sia la cartella del sito
write-not-ours = non si sostituisce { $path }: esiste e non l'ha creata Vetrina (non contiene il file { $marker })
write-not-ours-help = svuotate o rimuovete voi quella cartella, oppure sceglietene un'altra con `--output`
write-escapes = il percorso di uscita `{ $path }` esce dalla cartella del sito
write-bug-help = è un errore di Vetrina: segnalatelo, per favore
write-io = non si riesce a scrivere { $path }: { $why }
write-io-help = controllate i permessi e lo spazio libero della cartella che contiene l'uscita
write-in-place = non si riesce ad aggiornare il contenuto di { $path }, che è un punto di montaggio (per esempio un volume di un container) e quindi non si può sostituire in blocco: { $why }
write-in-place-help = i file già spostati sono stati rimessi al loro posto, quindi il sito pubblicato è quello di prima; controllate i permessi e lo spazio libero del volume e riprovate
serve-overlay-title = La pagina non è aggiornata: { $count ->
        [one] 1 errore
       *[other] { $count } errori
    }

## Errori della riga di comando

cli-err-subcommand = «{ $name }» non è un comando di Vetrina
cli-err-argument = l'opzione «{ $name }» non esiste per questo comando
cli-err-value = il valore «{ $value }» non va bene per { $name }
cli-err-missing = manca { $name }
cli-err-no-command = manca il comando: build, check, serve, init, nuovo, preventivo o schema
cli-err-help = Per l'elenco dei comandi e delle opzioni: vetrina --help (o vetrina <comando> --help).

## vetrina preventivo

cli-preventivo = Calcola il prezzo di uno o più servizi per un Ente, con lo stesso motore del sito
cli-preventivo-root = { cli-build-root }
cli-preventivo-servizio = Lo slug del servizio da quotare (ripetibile), per esempio rao-pubblico
cli-preventivo-ente = Un Ente di content/dati/enti.toml, per nome: tipo e numeri si prendono da lì
cli-preventivo-tipo = Tipo di Ente: comune, unione, comunita-montana o altro
cli-preventivo-abitanti = Numero di abitanti
cli-preventivo-postazioni = Numero di postazioni di lavoro
cli-preventivo-imprese = Numero di imprese con sede nell'Ente
cli-preventivo-utenti = Numero di utenti
cli-preventivo-persone = Numero di persone
cli-preventivo-anni = Anni per il totale pluriennale (da 1 a 30)
cli-preventivo-dal = Il giorno di adesione o di attivazione, per esempio 15/04/2027: le voci che nel primo anno si pagano in proporzione partono da lì
cli-preventivo-voce = Una voce facoltativa scelta, con la quantità: ID o ID=N, oppure SERVIZIO:ID=N (ripetibile)
cli-preventivo-non_aderente = L'Ente non aderisce al CST (prezzi di listino; i servizi riservati agli aderenti non sono disponibili)
cli-preventivo-json = Scrivi il preventivo in JSON, con l'oggetto del motore di calcolo per ogni servizio
quote-no-service = manca il servizio: indicatelo con --servizio, per esempio --servizio rao-pubblico
quote-unknown-service = il servizio «{ $slug }» non esiste; i servizi sono: { $list }
quote-unknown-service-close = il servizio «{ $slug }» non esiste: forse intendevate «{ $close }»?
quote-no-tariff = il servizio «{ $slug }» non ha una tariffa, quindi non ha un prezzo da calcolare
quote-unknown-ente = l'Ente «{ $name }» non è in content/dati/enti.toml; scrivete il nome com'è lì, oppure date tipo e numeri con --tipo, --abitanti, ...
quote-unknown-ente-close = l'Ente «{ $name }» non è in content/dati/enti.toml: forse intendevate «{ $close }»?
quote-bad-type = il tipo di Ente «{ $value }» non esiste: scrivete comune, unione, comunita-montana o altro
quote-too-many = { $option } può valere al massimo { $max }
quote-bad-years = --anni va da 1 a { $max }
quote-bad-start = --dal «{ $value }» non è una data: scrivetela come 15/04/2027 (giorno, mese, anno)
quote-bad-quantity = in «--voce { $spec }» la quantità dopo = deve essere un numero intero, per esempio spid-day=3
quote-quantity-range = in «--voce { $spec }» la quantità va da { $min } a { $max }
quote-no-max = illimitato
quote-no-quantity = la voce «{ $id }» non ha una quantità: scrivetela senza =N
quote-unknown-item = la voce «{ $id }» non c'è nelle tariffe scelte; le voci sono: { $list }
quote-unknown-item-close = la voce «{ $id }» non c'è nelle tariffe scelte: forse intendevate «{ $close }»?
quote-too-large = il prezzo di «{ $service }» per questi numeri è troppo grande per essere mostrato esattamente: controllate i numeri
quote-heading = Preventivo di { $site }
quote-ente-named = Ente: { $name } ({ $kind }{ $figures })
quote-ente = Ente: { $kind }{ $figures }
quote-member = aderente al CST
quote-non-member = non aderente al CST
quote-years = { $member }; totali su { $years ->
        [one] 1 anno
       *[other] { $years } anni
    }
quote-members-only = Servizio riservato agli Enti aderenti al CST: non disponibile per un Ente non aderente.
quote-vat = Importi IVA esclusa; IVA { $rate }.
quote-validity = Validità
quote-payment = Pagamento
quote-total-net = Totali, IVA esclusa: { $one_off } una tantum e { $yearly } annuali.
quote-total-vat = IVA: { $one_off } sulle voci una tantum e { $yearly } sulle annuali.
quote-first-year-share = Costi annuali del primo anno, in proporzione dal { $start }: { $net } più IVA { $vat }.
quote-first-year = Primo anno, IVA inclusa: { $amount }
quote-all-years = Su { $years } anni, IVA inclusa: { $amount }
quote-excluded-members = Escluso dai totali perché riservato agli Enti aderenti al CST: { $service }.
quote-excluded-on-request = Escluse dai totali le voci su richiesta di «{ $service }»: scrivete a { $contact }.

# The content schema (`vetrina schema`, `schemi/` in the site).
schema-title = Vetrina: { $kind } (schema del contenuto)
cli-schema = Scrive lo schema JSON di ogni tipo di contenuto (servizio, tariffa, modulo, ...), per gli editor di testo e gli altri strumenti
cli-schema-cartella = La cartella dove scriverli
schema-done = Scritti { $count } schemi in { $dir }. Gli stessi sono pubblicati nel sito sotto /schemi/.

# The browser editing interface (Decap CMS, admin/).
cms-title = Modifica dei contenuti – { $site }
cms-body = Testo
cms-amount-hint = Un importo in euro con il punto per i decimali, per esempio 650.00
cms-servizio = Servizio
cms-servizio-plural = Servizi
cms-tariffa = Tariffa
cms-tariffa-plural = Tariffe
cms-modulo = Modulo
cms-modulo-plural = Moduli
cms-convenzione = Convenzione
cms-convenzione-plural = Convenzioni
cms-notizia = Notizia
cms-notizia-plural = Notizie
cms-pagina = Pagina
cms-pagina-plural = Pagine
cms-enti = Enti aderenti
cms-enti-plural = Enti aderenti
cms-api-bad-request = richiesta dell'interfaccia non valida: manca o è sbagliato { $why }
cms-api-refused = «{ $path }» non si può modificare dal browser: solo i file .md e .toml di content/ e le immagini di static/immagini/
cms-api-unknown = l'interfaccia ha chiesto «{ $action }», che Vetrina non conosce
cms-api-io = non si riesce a leggere { $path }: { $why }
cms-api-origin = richiesta rifiutata: solo le pagine dell'anteprima possono modificare i file
serve-cms = Modifica dal browser: { $url }

# [cms] in vetrina.toml.
config-cms-repo = `cms.repository` deve essere scritto proprietario/nome, non «{ $repo }»
config-cms-repo-help = per esempio `repository = "cst-valdorsa/sito"`: il nome come appare nell'indirizzo del repository su GitHub o GitLab
config-cms-missing = in `[cms]` manca `{ $key }`
config-cms-github-help = GitHub fa accedere le redazioni attraverso un server OAuth: scrivete il suo indirizzo in `server_accesso = "https://..."` (vedete docs/contenuti.md, «Modificare dal browser»)
config-cms-gitlab-help = scrivete l'ID dell'applicazione OAuth creata in GitLab (Impostazioni → Applicazioni) in `app_id = "..."`
