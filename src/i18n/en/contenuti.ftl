# Messages about content files (content/*), prices, references, links, the theme's
# templates, static files and documents. Every message has the same id in it/.
# Keys editors write in the files (`importo`, `[[voci]]`, ...) stay as they are.

## Common keys, dates, slugs, required texts

content-slug-help = a slug may contain only lowercase letters a-z, digits and single hyphens, e.g. `rao-pubblico`
content-unsafe-slug = unsafe slug "{ $slug }"
content-file-name = the file name "{ $stem }" cannot be used as a URL
content-file-name-help = rename the file, or set `slug = "..."`: { $rule }
content-date-time = `{ $key }` must be a date without a time
content-date-help = write it as YYYY-MM-DD, e.g. `2026-03-15`
content-date-year = `{ $key }`: the year { $year } is outside the allowed range, { $min } to { $max }
content-date-year-help = check the year: the dates of a catalog go from { $min } to { $max } (perhaps a digit is wrong)
content-expires-first = `scadenza` ({ $expires }) does not come after `pubblicazione` ({ $publish }): the content would never be published
content-expires-first-help = `scadenza` is the first day the content is no longer shown: write a date after `pubblicazione`, or remove one of the two keys
content-bad-reference = "{ $slug }" is not a valid reference
content-bad-reference-help = refer to another file by its slug, the file name without `.md`, e.g. `tariffa = "rao-pubblico"`
content-empty = `{ $key }` is empty
content-empty-help = write a text for `{ $key }`: spaces alone are not enough

## Limits of numbers

limit-negative = `{ $key } = { $value }` is negative: a number from 0 up goes here
limit-negative-help = write the number without the minus sign, e.g. `{ $key } = 12`
limit-count = `{ $key } = { $value }` is too large: the maximum is { $max }
limit-count-help = check the number, perhaps it has extra digits: Vetrina accepts up to { $max } for inhabitants, workstations, businesses, users, persons, quantities and band limits

## Service cards

service-reason-not-suspended = `motivo_stato` is only for a suspended service
service-reason-not-suspended-help = remove `motivo_stato`, or set `stato = "sospeso"`
service-suspended-no-reason = a suspended service needs the reason
service-suspended-no-reason-help = add `motivo_stato = "..."`: the page must say why the service is suspended
service-no-audience = `destinatari` is empty
service-no-audience-help = name at least one audience, e.g. `destinatari = ["comuni"]`
service-no-contact = `contatti` needs a way to reach the office
service-no-contact-help = add `email`, `pec` or `telefono` under `[contatti]`
service-online-url = `accesso_online.url` must be an https:// address or a site path
service-online-url-help = e.g. `url = "https://servizi.example.it/rao"`
service-bad-article-ref = "{ $text }" is not a reference to an article
service-bad-article-ref-help = write the convention's slug, `#` and the article anchor, e.g. `convenzione = "convenzione-cst-2024#art-6-bis"`
service-contacts-section = the Contatti section comes from `[contatti]`
service-contacts-section-help = remove this section and put the office, e-mail and phone under `[contatti]` in the front matter: the page shows them itself
service-section-twice = the section "{ $title }" appears twice
service-section-twice-help = merge the two sections into one
service-unknown-section = unknown section "{ $name }"
service-section-did-you-mean = did you mean "## { $title }"?
service-section-list = service sections are: { $titles }; use `###` for a sub-heading inside a section
service-h1 = a service body cannot have a level-1 heading
service-h1-help = the page title comes from `titolo`; start sections with `## `
service-text-before = text before the first section
service-text-before-help = put it under a section heading such as "## Descrizione"
service-section-order = "{ $later }" must come before "{ $earlier }"
service-section-order-help = sections follow the order of the Designers Italia service card (see docs/contenuti.md)
service-missing-section = missing section "## { $title }"
service-missing-section-help = add a "## { $title }" section: it is required on every service card
service-empty-section = the section "{ $title }" is empty
service-empty-section-help = write at least a sentence in it

## Tariffs and amounts

money-not-a-number = `{ $text }` is not an amount: write euros with a dot before the cents, e.g. "650.00" or "0.44"
money-comma = `{ $text }` uses a comma: write the decimal part after a dot, e.g. "1250.50", with no thousands separator
money-negative = `{ $text }` is negative: amounts cannot be below zero
money-too-precise = `{ $text }` has more than { $max ->
        [one] one decimal digit
       *[other] { $max } decimal digits
    }
money-too-large = `{ $text }` is too large: the maximum is { $max }
tariff-percent = `{ $key }`: { $error }
tariff-percent-help = write a percentage as a string, e.g. "22" or "12.5"
tariff-discount-members-only = `sconto_aderenti` is set but the service is only for members
tariff-discount-members-only-help = set `solo_aderenti = false` so that non-members pay the list price, or remove the discount
tariff-no-items = a tariff needs at least one item
tariff-no-items-help = add a `[[voci]]` table
tariff-items-and-lists = a tariff with `[[listini]]` has no `[[voci]]` outside the price lists
tariff-items-and-lists-help = move these items into a price list, as `[[listini.voci]]`
tariff-list-no-items = this price list has no items
tariff-list-no-items-help = add its items as `[[listini.voci]]`, right after `[[listini]]`
tariff-list-ends-before = the price list ends (`al`) before it starts (`dal`)
tariff-list-ends-before-help = check the two dates: `al` is the price list's last day
tariff-list-order = this price list starts on { $from }, not after the one before it (from { $prev })
tariff-list-order-help = write the price lists in date order, oldest first
tariff-list-overlap = this price list starts on { $from }, while the one before is still in force (until { $to }): two price lists overlap
tariff-list-gap = this price list starts on { $from }, but the one before ends on { $to }: the days between have no price
tariff-list-sequence-help = start this price list on { $next }, or correct the `al` of the one before
tariff-item-id-twice = two items have the id `{ $id }`
tariff-item-id-twice-help = give each item a different `id` (or a different `nome`)
tariff-item-id = invalid item id "{ $id }"
tariff-item-no-id = the name «{ $name }» gives no id for the item
tariff-item-no-id-help = use letters or digits in `nome`, or set `id = "..."` with lowercase letters, digits and hyphens
tariff-amount = invalid amount: { $error }
tariff-amount-help = amounts are strings in euros, in double quotes, with a dot for the cents, e.g. "650.00"
tariff-amount-negative-help = write the amount without the minus sign; to let some Enti pay less there are `sconto_aderenti` and `per_tipo_ente`
tariff-amount-too-large-help = check the digits, perhaps there is an extra zero (the dot separates the cents, e.g. "1250.50"); the maximum is { $max }
tariff-amount-on-request = "{ $text }" is not an amount: a price agreed case by case is not written in `{ $key }`
tariff-on-request-band-help = write `su_richiesta = true` instead of `{ $key }`, e.g. `{"{"} da = 10001, su_richiesta = true {"}"}`: the page will show «su richiesta» for this band
tariff-on-request-item-help = write `modello = "su-richiesta"` and remove `{ $key }`: the page will show «Su richiesta»; if the price is agreed only above some threshold, use `modello = "fasce"` and `su_richiesta = true` in those bands
tariff-on-request-bound-help = remove `{ $key }`: a minimum or a maximum is an amount in euros, e.g. "300.00"
tariff-key-not-for-model = `{ $key }` does not apply to `modello = "{ $model }"`
tariff-key-not-for-model-help = remove `{ $key }`, or choose the model that uses it (see docs/contenuti.md)
tariff-model-needs = `modello = "{ $model }"` needs `{ $key }`
tariff-model-needs-help = add `{ $key } = { $example }`
tariff-model-needs-components-help = add at least two `[[voci.componenti]]` tables
tariff-bands = bands: { $error }
tariff-band-needs-from = only the first band may leave out `da`
tariff-band-needs-from-help = write where this band starts, e.g. `da = 1001`
tariff-band-value = a band needs exactly one of `importo`, `importo_unitario`, `su_richiesta = true`, `componenti`
tariff-band-value-help = e.g. `{"{"} da = 1001, a = 2000, importo = "650.00" {"}"}`
tariff-ente-type-price = "{ $text }" is not a price for a type of Ente
tariff-ente-type-price-help = use an amount such as "300.00", or "su-richiesta", "incluso", "non-disponibile"
tariff-ente-type-on-request-help = for a price agreed case by case write "su-richiesta" instead of "{ $text }"
tariff-max-below-min = `massimo` is below `minimo`
tariff-max-below-min-help = swap the two amounts
tariff-first-year-one-off = `primo_anno` applies only to yearly or monthly items: a one-off item is paid in full
tariff-first-year-one-off-help = remove `primo_anno` from this item, or set `periodicita` to "annuale" or "mensile"
tariff-quantity-range = `quantita`: the default must lie between the minimum and the maximum
tariff-quantity-range-help = check `predefinita`, `minima` and `massima`

## Bands

band-empty = a rule with bands needs at least one band
band-empty-help = add at least one band under `fasce`
band-reversed = the band ends at { $to }, before it starts at { $from }
band-reversed-help = swap `da` and `a`
band-gap = values from { $gap_from } to { $gap_to } are in no band: the previous band ends at { $prev_to }
band-overlap = the band overlaps the previous one, which ends at { $prev_to }
band-start-with = start this band with `da = { $from }`
band-not-open-ended = values above { $to } are in no band
band-not-open-ended-help = remove `a` from the last band, or add a band `{"{"} da = { $next }, ... {"}"}` for larger values
band-after-open-ended = a band after an open-ended band can never apply
band-after-open-ended-help = give the previous band an upper bound `a`, or remove this band
band-starts-above-zero = the first band starts at { $from }: values below it are in no band
band-starts-above-zero-help = start the first band with `da = 0` (or leave `da` out)
band-tier-without-rate = marginal tiers need a rate per unit in every band
band-tier-without-rate-help = use `importo_unitario` in every band, or `modello = "fasce"`

## The worked example on a service page

example-too-large = for { $ente } the item «{ $item }» would cost more than { $max }: an amount this large cannot be shown exactly
example-total-too-large = for { $ente } the tariff's total would exceed { $max }: an amount this large cannot be shown exactly
example-too-large-help = check the item's amounts and quantities, perhaps there is an extra zero; the page's example uses the figures of { $ente } (content/dati/enti.toml)

## Conventions, forms, member Enti

convention-valid-to-before = `valida_al` is before `valida_dal`
convention-valid-to-before-help = check the two dates
convention-expired-no-end = an expired convention needs `valida_al`
convention-expired-no-end-help = add `valida_al = YYYY-MM-DD`
form-pec = `invio_pec` is not an e-mail address
form-pec-help = write the PEC address the form is sent to, e.g. "cst@pec.example.it"
form-field-name = invalid field name "{ $name }"
form-field-name-help = field names use lowercase letters, digits and `_`, e.g. "ente_denominazione"
form-field-twice = two fields are named "{ $name }"
form-field-twice-help = every field of a form needs its own `nome`
form-choice-options = a `scelta` field needs at least two `opzioni`
form-choice-options-help = add `opzioni = ["...", "..."]`
form-list-columns = an `elenco` field needs its `colonne`
form-list-columns-help = add `colonne = ["Nome", "Cognome", "Ente di appartenenza"]`
form-rows = `righe = { $value }`: a list may have 1 to { $max } rows
form-rows-help = every row appears on the page and in the PDF: write a number from 1 to { $max }
form-service-kind = `servizio` only goes in a `casella`, `numero` or `scelta` field
form-service-kind-help = `servizio` says which service of the calculator fills the field: a box is ticked, a number gets `valore`, a choice takes `se_scelto`; remove it from this field
form-value-needs-number = `valore` only goes in a `numero` field that also has `servizio`
form-value-needs-number-help = write `servizio = "..."` and `tipo = "numero"`, or remove `valore`
form-number-needs-value = a `numero` field with `servizio` needs `valore`: which number of the choice to write
form-number-needs-value-help = write for example `valore = "postazioni"` (a figure of the Ente: abitanti, postazioni, imprese, utenti, persone) or the `id` of an item of the service's tariff, for its quantity
form-when-chosen = `se_scelto = "{ $value }"` is not one of the `opzioni` of this `scelta` field with `servizio`
form-when-chosen-help = write one of the options: { $list }
form-choice-needs-when-chosen = a `scelta` field with `servizio` needs `se_scelto`: the option picked when the service is chosen
form-choice-needs-when-chosen-help = add for example `se_scelto = "Da attivare"`, the text of one of the `opzioni`
form-value-unknown = `valore = "{ $value }"` is neither a figure of the Ente nor an item of the tariff of «{ $service }»
form-value-unknown-help = write one of: { $list }
enti-twice = "{ $name }" is listed twice
enti-twice-help = remove one of the two entries

## References between files

validate-duplicate-slug = duplicate slug "{ $slug }": { $other } is also { $kind } with it
validate-duplicate-slug-help = every file in content/{ $folder }/ needs its own slug: rename one file or set `slug = "..."`
validate-reserved-page = the page slug "{ $slug }" is a URL the site uses itself
validate-reserved-page-help = rename the file or set another `slug`
validate-footer-link = `piede.{ $key }` links to "{ $target }", which is not a page
validate-footer-link-help = create content/pagine/{ $slug }.md, or point `{ $key }` at an existing page ("/<slug>/")
ref-unknown = unknown { $kind ->
        [tariff] tariff
        [form] form
        [convention] convention
        [service] service
        [page] page
       *[news] news item
    } "{ $slug }"
ref-hidden = the { $kind ->
        [tariff] tariff
        [form] form
        [convention] convention
        [service] service
        [page] page
       *[news] news item
    } "{ $slug }" is not published (draft, future or expired)
ref-hidden-help = publish the { $kind ->
        [tariff] tariff
        [form] form
        [convention] convention
        [service] service
        [page] page
       *[news] news item
    }, remove `{ $key }`, or build with `--drafts`
ref-did-you-mean = did you mean "{ $slug }"?
ref-none-yet = there is no { $kind ->
        [tariff] tariff
        [form] form
        [convention] convention
        [service] service
        [page] page
       *[news] news item
    } yet: add one, or remove `{ $key }`
ref-known = known: { $list }
topic-unknown = the topic «{ $topic }» is neither one of the Comuni site model's topics nor a EuroVoc term
topic-unknown-near = use a term of one of the two lists, spelt as there, for example { $near }: the AgID validator (criterion C.SI.1.5) compares topics with these lists; see "Gli argomenti" in docs/contenuti.md
topic-unknown-help = use a term of the Comuni site model's topics or of EuroVoc, spelt as there: the AgID validator (criterion C.SI.1.5) compares topics with these lists; see "Gli argomenti" in docs/contenuti.md
ref-no-article = the convention "{ $convention }" has no article `#{ $article }`
ref-article-did-you-mean = did you mean `#{ $article }`? Articles are the `## Art. N – Titolo` headings
ref-articles = its articles are: { $list }
ref-replaces-itself = a convention cannot replace itself
ref-replaces-itself-help = name the newer convention's slug

## Links

link-missing = broken link "{ $href }": the site has no { $target }
link-no-anchor = broken link "{ $href }": { $target } has no anchor #{ $anchor }
link-outside = link "{ $href }" leaves the site (base path { $base })
link-help = internal links are site paths such as `/servizi/<slug>/`, `/convenzioni/<slug>/#art-6-bis` or `/<page>/`; check the slug and the anchor
link-from-theme = { $message } (from the theme's templates)
link-from-theme-help = fix the template that writes this link, or the setting it comes from

## The theme's templates (the details come from Tera)

template-no-folder = the theme has no templates folder
template-no-folder-help = check `tema` in vetrina.toml; themes live in `themes/<name>/templates/`
template-unreadable = cannot read the template: { $why }
template-missing = the theme lacks the template `{ $name }`
template-missing-help = copy it from themes/agid/templates/
template-syntax = template syntax: { $detail }
template-syntax-help = see the Tera 2 syntax: {"{{"} value {"}}"}, {"{%"} if {"%}"}…{"{%"} endif {"%}"}, {"{%"} for x in list {"%}"}…{"{%"} endfor {"%}"}
template-render = template: { $detail }
template-while-rendering = { $message } (while rendering { $page })
template-render-help = the variable may be misspelt or not exist for this page; see themes/agid/README.md for what each template receives

## Static files and the theme's npm packages

asset-not-installed = the theme's npm packages (Bootstrap Italia, pdf-lib) are not installed: run `npm ci --prefix { $prefix }`
asset-not-installed-help = the command installs, once, the versions pinned in { $prefix }/package-lock.json; without them the site lacks its stylesheets, icons, fonts and PDF forms
asset-outside = the file leads outside the theme, to { $target }
asset-outside-help = a file of the npm packages must be in their folder: reinstall them with `npm ci --prefix { $prefix }`

## Documents, search, new site

doc-font = cannot use the font { $path }: { $why }
doc-font-help = the PDF forms embed Titillium Web from Bootstrap Italia: run `npm ci --prefix themes/agid` (or the theme's folder) once
doc-font-installed = the font { $path } is missing
doc-font-not-truetype = not a TrueType font ({ $why })
doc-odt = cannot write the ODT of «{ $title }»: { $why }
doc-bug-help = this is a bug in Vetrina: please report it
search-failed = building the search index failed: { $why }
search-failed-help = this is a bug in Vetrina or Pagefind: please report it
init-not-empty = { $dir } exists and is not empty: choose a new folder
init-io = cannot write { $path }: { $why }
