# Messaggi sui file dei contenuti (content/*), i prezzi, i riferimenti, i collegamenti,
# i modelli del tema, i file statici e i documenti. Ogni messaggio ha lo stesso id in en/.
# Le chiavi che si scrivono nei file (`importo`, `[[voci]]`, ...) restano come sono.

## Chiavi comuni, date, slug, testi obbligatori

content-slug-help = uno slug contiene solo lettere minuscole a-z, cifre e trattini singoli, per esempio `rao-pubblico`
content-unsafe-slug = slug non sicuro "{ $slug }"
content-file-name = il nome del file "{ $stem }" non si può usare in un indirizzo
content-file-name-help = rinominate il file, oppure scrivete `slug = "..."`: { $rule }
content-date-time = `{ $key }` deve essere una data, senza ora
content-date-help = scrivetela come AAAA-MM-GG, per esempio `2026-03-15`
content-date-year = `{ $key }`: l'anno { $year } è fuori dall'intervallo ammesso, dal { $min } al { $max }
content-date-year-help = controllate l'anno: le date di un catalogo vanno dal { $min } al { $max } (forse una cifra è sbagliata)
content-expires-first = `scadenza` ({ $expires }) non viene dopo `pubblicazione` ({ $publish }): il contenuto non sarebbe mai pubblicato
content-expires-first-help = `scadenza` è il primo giorno in cui il contenuto non si vede più: scrivete una data successiva a `pubblicazione`, oppure togliete una delle due chiavi
content-bad-reference = "{ $slug }" non è un riferimento valido
content-bad-reference-help = un altro file si indica con il suo slug, cioè il nome del file senza `.md`, per esempio `tariffa = "rao-pubblico"`
content-empty = `{ $key }` è vuoto
content-empty-help = scrivete un testo per `{ $key }`: spazi soli non bastano

## Limiti dei numeri

limit-negative = `{ $key } = { $value }` è negativo: qui va un numero da 0 in su
limit-negative-help = scrivete il numero senza il segno meno, per esempio `{ $key } = 12`
limit-count = `{ $key } = { $value }` è troppo grande: il massimo è { $max }
limit-count-help = controllate il numero, forse ci sono cifre in più: Vetrina accetta fino a { $max } per abitanti, postazioni, imprese, utenti, persone, quantità e limiti delle fasce

## Schede dei servizi

service-reason-not-suspended = `motivo_stato` si usa solo per un servizio sospeso
service-reason-not-suspended-help = togliete `motivo_stato`, oppure scrivete `stato = "sospeso"`
service-suspended-no-reason = per un servizio sospeso serve il motivo
service-suspended-no-reason-help = aggiungete `motivo_stato = "..."`: la pagina deve dire perché il servizio è sospeso
service-no-audience = `destinatari` è vuoto
service-no-audience-help = indicate almeno un destinatario, per esempio `destinatari = ["comuni"]`
service-no-contact = `[contatti]` non dice come raggiungere l'ufficio
service-no-contact-help = aggiungete `email`, `pec` o `telefono` sotto `[contatti]`
service-online-url = `accesso_online.url` deve essere un indirizzo https:// o un percorso del sito
service-online-url-help = per esempio `url = "https://servizi.esempio.it/rao"`
service-bad-article-ref = "{ $text }" non è un riferimento a un articolo
service-bad-article-ref-help = scrivete lo slug della convenzione, `#` e l'ancora dell'articolo, per esempio `convenzione = "convenzione-cst-2024#art-6-bis"`
service-contacts-section = la sezione Contatti viene da `[contatti]`
service-contacts-section-help = togliete questa sezione e scrivete ufficio, e-mail e telefono sotto `[contatti]` nell'intestazione: la pagina li mostra da sé
service-section-twice = la sezione "{ $title }" compare due volte
service-section-twice-help = unite le due sezioni in una
service-unknown-section = sezione sconosciuta "{ $name }"
service-section-did-you-mean = forse intendevate "## { $title }"?
service-section-list = le sezioni di una scheda sono: { $titles }; per un sottotitolo dentro una sezione usate `###`
service-h1 = il testo di una scheda non può avere un titolo di livello 1
service-h1-help = il titolo della pagina viene da `titolo`; iniziate le sezioni con `## `
service-text-before = c'è del testo prima della prima sezione
service-text-before-help = mettetelo sotto un titolo di sezione, per esempio "## Descrizione"
service-section-order = "{ $later }" deve venire prima di "{ $earlier }"
service-section-order-help = le sezioni seguono l'ordine della scheda servizio di Designers Italia (vedete docs/contenuti.md)
service-missing-section = manca la sezione "## { $title }"
service-missing-section-help = aggiungete una sezione "## { $title }": è obbligatoria in ogni scheda
service-empty-section = la sezione "{ $title }" è vuota
service-empty-section-help = scrivete almeno una frase

## Tariffe e importi

money-not-a-number = `{ $text }` non è un importo: scrivete gli euro con il punto prima dei centesimi, per esempio "650.00" o "0.44"
money-comma = `{ $text }` usa la virgola: scrivete i decimali dopo un punto, per esempio "1250.50", senza separatore delle migliaia
money-negative = `{ $text }` è negativo: un importo non può essere sotto zero
money-too-precise = `{ $text }` ha più di { $max ->
        [one] una cifra decimale
       *[other] { $max } cifre decimali
    }
money-too-large = `{ $text }` è troppo grande: il massimo è { $max }
tariff-percent = `{ $key }`: { $error }
tariff-percent-help = scrivete la percentuale come testo, per esempio "22" o "12.5"
tariff-discount-members-only = `sconto_aderenti` è indicato ma il servizio è solo per gli aderenti
tariff-discount-members-only-help = scrivete `solo_aderenti = false` perché chi non aderisce paghi il prezzo di listino, oppure togliete lo sconto
tariff-no-items = una tariffa ha bisogno di almeno una voce
tariff-no-items-help = aggiungete una tabella `[[voci]]`
tariff-items-and-lists = una tariffa con `[[listini]]` non ha `[[voci]]` fuori dai listini
tariff-items-and-lists-help = spostate queste voci dentro un listino, come `[[listini.voci]]`
tariff-list-no-items = questo listino non ha voci
tariff-list-no-items-help = aggiungete le sue voci come `[[listini.voci]]`, subito dopo `[[listini]]`
tariff-list-ends-before = il listino finisce (`al`) prima di cominciare (`dal`)
tariff-list-ends-before-help = controllate le due date: `al` è l'ultimo giorno del listino
tariff-list-order = questo listino comincia il { $from }, non dopo quello prima di lui (dal { $prev })
tariff-list-order-help = scrivete i listini in ordine di data, dal più vecchio al più recente
tariff-list-overlap = questo listino comincia il { $from }, quando quello prima è ancora in vigore (fino al { $to }): due listini si sovrappongono
tariff-list-gap = questo listino comincia il { $from }, ma quello prima finisce il { $to }: nei giorni in mezzo non c'è un prezzo
tariff-list-sequence-help = fate cominciare questo listino il { $next }, oppure correggete l'`al` del listino prima
tariff-item-id-twice = due voci hanno l'id `{ $id }`
tariff-item-id-twice-help = date a ogni voce un `id` diverso (o un `nome` diverso)
tariff-item-id = id di voce non valido "{ $id }"
tariff-item-no-id = dal nome «{ $name }» non si ricava un id per la voce
tariff-item-no-id-help = usate lettere o cifre nel `nome`, oppure scrivete `id = "..."` con lettere minuscole, cifre e trattini
tariff-amount = importo non valido: { $error }
tariff-amount-help = gli importi si scrivono come testo in euro, tra virgolette e con il punto prima dei centesimi, per esempio "650.00"
tariff-amount-negative-help = scrivete l'importo senza il segno meno; per far pagare meno alcuni Enti ci sono `sconto_aderenti` e `per_tipo_ente`
tariff-amount-too-large-help = controllate le cifre, forse c'è uno zero di troppo (il punto separa i centesimi, per esempio "1250.50"); il massimo è { $max }
tariff-amount-on-request = "{ $text }" non è un importo: un prezzo da concordare non si scrive in `{ $key }`
tariff-on-request-band-help = scrivete `su_richiesta = true` al posto di `{ $key }`, per esempio `{"{"} da = 10001, su_richiesta = true {"}"}`: la pagina mostrerà «su richiesta» per questa fascia
tariff-on-request-item-help = scrivete `modello = "su-richiesta"` e togliete `{ $key }`: la pagina mostrerà «Su richiesta»; se il prezzo va concordato solo oltre una certa soglia, usate `modello = "fasce"` e `su_richiesta = true` nelle fasce da concordare
tariff-on-request-bound-help = togliete `{ $key }`: un minimo o un massimo è un importo in euro, per esempio "300.00"
tariff-key-not-for-model = `{ $key }` non si usa con `modello = "{ $model }"`
tariff-key-not-for-model-help = togliete `{ $key }`, oppure scegliete il modello che la usa (vedete docs/contenuti.md)
tariff-model-needs = `modello = "{ $model }"` ha bisogno di `{ $key }`
tariff-model-needs-help = aggiungete `{ $key } = { $example }`
tariff-model-needs-components-help = aggiungete almeno due tabelle `[[voci.componenti]]`
tariff-bands = fasce: { $error }
tariff-band-needs-from = solo la prima fascia può non avere `da`
tariff-band-needs-from-help = scrivete dove inizia questa fascia, per esempio `da = 1001`
tariff-band-value = una fascia ha bisogno di una sola chiave tra `importo`, `importo_unitario`, `su_richiesta = true` e `componenti`
tariff-band-value-help = per esempio `{"{"} da = 1001, a = 2000, importo = "650.00" {"}"}`
tariff-ente-type-price = "{ $text }" non è un prezzo per un tipo di Ente
tariff-ente-type-price-help = scrivete un importo come "300.00", oppure "su-richiesta", "incluso" o "non-disponibile"
tariff-ente-type-on-request-help = per un prezzo da concordare scrivete "su-richiesta" al posto di "{ $text }"
tariff-max-below-min = `massimo` è più basso di `minimo`
tariff-max-below-min-help = scambiate i due importi
tariff-first-year-one-off = `primo_anno` vale solo per le voci annuali o mensili: una voce una tantum si paga per intero
tariff-first-year-one-off-help = togliete `primo_anno` da questa voce, oppure cambiate `periodicita` in "annuale" o "mensile"
tariff-quantity-range = `quantita`: la quantità predefinita deve stare tra la minima e la massima
tariff-quantity-range-help = controllate `predefinita`, `minima` e `massima`

## Fasce

band-empty = una regola a fasce ha bisogno di almeno una fascia
band-empty-help = aggiungete almeno una fascia sotto `fasce`
band-reversed = la fascia finisce a { $to }, prima di dove inizia ({ $from })
band-reversed-help = scambiate `da` e `a`
band-gap = i valori da { $gap_from } a { $gap_to } non sono in nessuna fascia: la fascia precedente finisce a { $prev_to }
band-overlap = la fascia si sovrappone alla precedente, che finisce a { $prev_to }
band-start-with = iniziate questa fascia con `da = { $from }`
band-not-open-ended = i valori oltre { $to } non sono in nessuna fascia
band-not-open-ended-help = togliete `a` dall'ultima fascia, oppure aggiungete una fascia `{"{"} da = { $next }, ... {"}"}` per i valori più grandi
band-after-open-ended = una fascia dopo una fascia senza limite superiore non si applica mai
band-after-open-ended-help = date alla fascia precedente un limite superiore `a`, oppure togliete questa fascia
band-starts-above-zero = la prima fascia inizia da { $from }: i valori più piccoli non sono in nessuna fascia
band-starts-above-zero-help = iniziate la prima fascia con `da = 0` (o non scrivete `da`)
band-tier-without-rate = negli scaglioni ogni fascia ha bisogno di un importo per unità
band-tier-without-rate-help = usate `importo_unitario` in ogni fascia, oppure `modello = "fasce"`

## Esempio di prezzo sulla pagina di un servizio

example-too-large = per { $ente } la voce «{ $item }» costerebbe più di { $max }: un importo così grande non si può mostrare esattamente
example-total-too-large = per { $ente } il totale della tariffa supererebbe { $max }: un importo così grande non si può mostrare esattamente
example-too-large-help = controllate importi e quantità della voce, forse c'è uno zero di troppo; l'esempio della pagina usa le cifre di { $ente } (content/dati/enti.toml)

## Convenzioni, moduli, Enti aderenti

convention-valid-to-before = `valida_al` viene prima di `valida_dal`
convention-valid-to-before-help = controllate le due date
convention-expired-no-end = una convenzione scaduta ha bisogno di `valida_al`
convention-expired-no-end-help = aggiungete `valida_al = AAAA-MM-GG`
form-pec = `invio_pec` non è un indirizzo e-mail
form-pec-help = scrivete l'indirizzo PEC a cui si invia il modulo, per esempio "cst@pec.esempio.it"
form-field-name = nome di campo non valido "{ $name }"
form-field-name-help = i nomi dei campi usano lettere minuscole, cifre e `_`, per esempio "ente_denominazione"
form-field-twice = due campi si chiamano "{ $name }"
form-field-twice-help = ogni campo di un modulo ha bisogno di un suo `nome`
form-choice-options = un campo `scelta` ha bisogno di almeno due `opzioni`
form-choice-options-help = aggiungete `opzioni = ["...", "..."]`
form-list-columns = un campo `elenco` ha bisogno delle sue `colonne`
form-list-columns-help = aggiungete `colonne = ["Nome", "Cognome", "Ente di appartenenza"]`
form-rows = `righe = { $value }`: un elenco può avere da 1 a { $max } righe
form-rows-help = ogni riga compare nella pagina e nel PDF: scrivete un numero da 1 a { $max }
form-service-kind = `servizio` va solo in un campo `casella`, `numero` o `scelta`
form-service-kind-help = `servizio` dice quale servizio del calcolatore compila il campo: una casella si spunta, un numero si compila con `valore`, una scelta prende `se_scelto`; toglietelo da questo campo
form-value-needs-number = `valore` va solo in un campo `numero` che ha anche `servizio`
form-value-needs-number-help = scrivete `servizio = "..."` e `tipo = "numero"`, oppure togliete `valore`
form-number-needs-value = un campo `numero` con `servizio` ha bisogno di `valore`: quale numero della scelta scrivere
form-number-needs-value-help = scrivete per esempio `valore = "postazioni"` (un dato dell'Ente: abitanti, postazioni, imprese, utenti, persone) o l'`id` di una voce della tariffa del servizio, per la sua quantità
form-when-chosen = `se_scelto = "{ $value }"` non è una delle `opzioni` di questo campo `scelta` con `servizio`
form-when-chosen-help = scrivete una delle opzioni: { $list }
form-choice-needs-when-chosen = un campo `scelta` con `servizio` ha bisogno di `se_scelto`: l'opzione da scegliere quando il servizio è nella scelta
form-choice-needs-when-chosen-help = aggiungete per esempio `se_scelto = "Da attivare"`, con il testo di una delle `opzioni`
form-value-unknown = `valore = "{ $value }"` non è un dato dell'Ente né una voce della tariffa di «{ $service }»
form-value-unknown-help = scrivete uno tra: { $list }
enti-twice = "{ $name }" compare due volte
enti-twice-help = togliete una delle due voci

## Riferimenti tra file

validate-duplicate-slug = slug "{ $slug }" ripetuto: { $other } è { $kind } con lo stesso slug
validate-duplicate-slug-help = ogni file di content/{ $folder }/ ha bisogno di uno slug suo: rinominate uno dei due file o scrivete `slug = "..."`
validate-reserved-page = lo slug di pagina "{ $slug }" è un indirizzo che il sito usa già
validate-reserved-page-help = rinominate il file o scrivete un altro `slug`
validate-footer-link = `piede.{ $key }` porta a "{ $target }", che non è una pagina
validate-footer-link-help = create content/pagine/{ $slug }.md, oppure fate puntare `{ $key }` a una pagina che esiste ("/<slug>/")
ref-unknown = { $kind ->
        [tariff] tariffa sconosciuta
        [form] modulo sconosciuto
        [convention] convenzione sconosciuta
        [service] servizio sconosciuto
        [page] pagina sconosciuta
       *[news] notizia sconosciuta
    } "{ $slug }"
ref-hidden = { $kind ->
        [tariff] la tariffa "{ $slug }" non è pubblicata
        [form] il modulo "{ $slug }" non è pubblicato
        [convention] la convenzione "{ $slug }" non è pubblicata
        [service] il servizio "{ $slug }" non è pubblicato
        [page] la pagina "{ $slug }" non è pubblicata
       *[news] la notizia "{ $slug }" non è pubblicata
    } (è una bozza, ha una data di pubblicazione futura o è scaduta)
ref-hidden-help = pubblicate { $kind ->
        [tariff] la tariffa
        [form] il modulo
        [convention] la convenzione
        [service] il servizio
        [page] la pagina
       *[news] la notizia
    }, togliete `{ $key }`, oppure create il sito con `--drafts`
ref-did-you-mean = forse intendevate "{ $slug }"?
ref-none-yet = { $kind ->
        [tariff] non c'è ancora nessuna tariffa: aggiungetene una
        [form] non c'è ancora nessun modulo: aggiungetene uno
        [convention] non c'è ancora nessuna convenzione: aggiungetene una
        [service] non c'è ancora nessun servizio: aggiungetene uno
        [page] non c'è ancora nessuna pagina: aggiungetene una
       *[news] non c'è ancora nessuna notizia: aggiungetene una
    }, oppure togliete `{ $key }`
ref-known = quelli che ci sono: { $list }
topic-unknown = l'argomento «{ $topic }» non è né tra gli argomenti del modello dei siti dei Comuni né tra i termini di EuroVoc
topic-unknown-near = usate un termine di uno dei due elenchi, scritto così, per esempio { $near }: il validatore AgID (criterio C.SI.1.5) confronta gli argomenti con questi elenchi; vedete «Gli argomenti» in docs/contenuti.md
topic-unknown-help = usate un termine degli argomenti del modello dei siti dei Comuni o di EuroVoc, scritto così: il validatore AgID (criterio C.SI.1.5) confronta gli argomenti con questi elenchi; vedete «Gli argomenti» in docs/contenuti.md
ref-no-article = la convenzione "{ $convention }" non ha l'articolo `#{ $article }`
ref-article-did-you-mean = forse intendevate `#{ $article }`? Gli articoli sono i titoli `## Art. N – Titolo`
ref-articles = i suoi articoli sono: { $list }
ref-replaces-itself = una convenzione non può sostituire sé stessa
ref-replaces-itself-help = scrivete lo slug della convenzione più recente

## Collegamenti

link-missing = collegamento interrotto "{ $href }": nel sito non c'è { $target }
link-no-anchor = collegamento interrotto "{ $href }": in { $target } non c'è l'ancora #{ $anchor }
link-outside = il collegamento "{ $href }" esce dal sito (il percorso di base è { $base })
link-help = i collegamenti interni sono percorsi del sito come `/servizi/<slug>/`, `/convenzioni/<slug>/#art-6-bis` o `/<pagina>/`; controllate lo slug e l'ancora
link-from-theme = { $message } (dai modelli del tema)
link-from-theme-help = correggete il modello che scrive questo collegamento, o l'impostazione da cui viene

## Modelli del tema (i dettagli vengono da Tera, in inglese)

template-no-folder = il tema non ha la cartella dei modelli
template-no-folder-help = controllate `tema` in vetrina.toml; i temi stanno in `themes/<nome>/templates/`
template-unreadable = non si riesce a leggere il modello: { $why }
template-missing = nel tema manca il modello `{ $name }`
template-missing-help = copiatelo da themes/agid/templates/
template-syntax = sintassi del modello: { $detail }
template-syntax-help = vedete la sintassi di Tera 2: {"{{"} valore {"}}"}, {"{%"} if {"%}"}…{"{%"} endif {"%}"}, {"{%"} for x in elenco {"%}"}…{"{%"} endfor {"%}"}
template-render = modello: { $detail }
template-while-rendering = { $message } (mentre si crea { $page })
template-render-help = forse il nome della variabile è sbagliato, o la variabile non esiste per questa pagina; themes/agid/README.md dice che cosa riceve ogni modello

## File statici e pacchetti npm del tema

asset-not-installed = i pacchetti npm del tema (Bootstrap Italia, pdf-lib) non sono installati: eseguite `npm ci --prefix { $prefix }`
asset-not-installed-help = il comando installa una volta sola le versioni fissate in { $prefix }/package-lock.json; senza, mancano al sito fogli di stile, icone, caratteri e moduli PDF
asset-outside = il file porta fuori dal tema, a { $target }
asset-outside-help = un file dei pacchetti npm deve stare nella loro cartella: reinstallateli con `npm ci --prefix { $prefix }`

## Documenti, ricerca, nuovo sito

doc-font = non si riesce a usare il carattere { $path }: { $why }
doc-font-help = i moduli PDF incorporano Titillium Web da Bootstrap Italia: eseguite una volta `npm ci --prefix themes/agid` (o la cartella del vostro tema)
doc-font-installed = manca il carattere { $path }
doc-font-not-truetype = non è un carattere TrueType ({ $why })
doc-odt = non si riesce a scrivere l'ODT di «{ $title }»: { $why }
doc-bug-help = è un errore di Vetrina: segnalatelo, per favore
search-failed = la creazione dell'indice di ricerca non è riuscita: { $why }
search-failed-help = è un errore di Vetrina o di Pagefind: segnalatelo, per favore
init-not-empty = { $dir } esiste e non è vuota: scegliete una cartella nuova
init-io = non si riesce a scrivere { $path }: { $why }
