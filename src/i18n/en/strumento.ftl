# Vetrina's messages in English (chosen with `--lingua en` or VETRINA_LINGUA=en).
# Every message has the same id in it.ftl. Format: Project Fluent (https://projectfluent.org).

## The command line

cli-about = Build the AgID-style service catalog site of a Centro Servizi Territoriale
cli-usage = Usage:
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-options-token = OPTIONS
cli-command-token = COMMAND
cli-default = default
cli-help = Print help
cli-version = Print version
cli-lingua = Language of the messages: it (default) or en; also the VETRINA_LINGUA variable
cli-build = Build the site into the output folder (replaced only when the build succeeds)
cli-build-root = The site's folder (with vetrina.toml, content/, themes/)
cli-build-output = Where to write the site [default: <root>/output]
cli-build-base_url = Public address of the site, overriding `base_url` in vetrina.toml (e.g. for a preview)
cli-build-drafts = Include content marked `bozza = true`
cli-build-timings = Print how long each stage of the build takes
cli-build-fresh = Make every file again, instead of taking the unchanged ones from the last build
cli-check = Check all content, data and templates; write nothing. Exits non-zero listing every error
cli-check-root = { cli-build-root }
cli-check-drafts = { cli-build-drafts }
cli-serve = Build the site, serve it on this machine and rebuild it when a file changes (live reload)
cli-serve-root = { cli-build-root }
cli-serve-port = The port to listen on
cli-serve-bind = The address to listen on; 127.0.0.1 keeps the preview on this machine
cli-serve-drafts = { cli-build-drafts }
cli-init = Create a new, minimal site in DIR that builds
cli-init-dir = The folder to create (must be empty or not exist)
cli-nuovo = Create a new content file from a commented template that passes `vetrina check` as written
cli-nuovo-tipo = The kind of content: servizio, tariffa, modulo, convenzione, notizia or pagina
cli-nuovo-slug = The file name, without .md (lowercase letters, digits and hyphens, e.g. rao-pubblico)
cli-nuovo-root = { cli-build-root }
cli-lang-unknown = unknown language "{ $name }": write it or en

## Progress and summaries

stage-reading = reading files
stage-content = checking content
stage-model = building the site model
stage-references = checking references
stage-theme = loading the theme
stage-documents = generating documents
stage-html = rendering HTML
stage-links = checking links
stage-search = indexing for search
stage-writing = writing output
building = Building { $root }
page-not-kept = this page did not change but is no longer in the preview folder: save a file again to rebuild the site (or restart vetrina serve).
built-unchanged = No file of the site, the theme or the settings changed since the last build: the output folder is up to date and stays as it was (--fresh makes everything again).
built = Built { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } ({ $services ->
        [one] 1 service
       *[other] { $services } services
    }), { $documents ->
        [one] 1 document
       *[other] { $documents } documents
    }, { $assets } theme files in { $seconds } s → { $output }
check-ok = No errors: { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } ({ $services ->
        [one] 1 service
       *[other] { $services } services
    }) checked in { $seconds } s.
errors-found = { $count ->
        [one] 1 error found
       *[other] { $count } errors found
    }; nothing was written.
warnings-found = { $count ->
        [one] 1 warning: the site is built all the same, but it is worth fixing.
       *[other] { $count } warnings: the site is built all the same, but they are worth fixing.
    }
warning = warning
error = error
help = help
memory = , { $now } MB in use (peak { $peak } MB)
init-done = Created a new site in { $dir }.
init-next = Next: cd { $dir } && npm ci --prefix themes/agid && vetrina build
warn-shallow = the git checkout is shallow: "Pagina aggiornata il" dates may all be the last commit's; fetch the full history (e.g. `fetch-depth: 0`)
warn-minify-once = the theme's templates could not be minified once, ahead of the pages (a template no longer parses once minified): every page is minified instead, which gives the same site more slowly
warn-trim-stale = the theme's templates or scripts changed after Bootstrap Italia was trimmed for them: a class used for the first time would have no style; run `npm run trim --prefix { $prefix }`

## What content may put in a page

url-scheme = the address "{ $url }" uses `{ $scheme }:`, which the site does not allow
url-scheme-help = a link may start with https://, http://, mailto: or tel:, or be a site path such as /servizi/
url-scheme-relative = the address "{ $url }" starts with `//`: it leads to another site without saying how
url-scheme-relative-help = write the whole address, e.g. "https://example.it/page"
url-whitespace = the address "{ $url }" contains spaces or invisible characters
url-whitespace-help = remove the spaces; a space in a file name is written %20
url-not-absolute = "{ $url }" is not a complete address
url-not-absolute-help = write an https:// address, or a site path starting with /, e.g. "/servizi/"
url-empty = the address is empty
url-in-key = `{ $key }`: { $message }
md-h1 = level-{ $level } heading: the page title is the only level-1 heading
md-h1-help = start headings in the text with `## `
md-article-twice = two articles have the anchor `#{ $id }`
md-article-twice-help = give each article its own number
md-raw-html = raw HTML is not allowed in content
md-raw-html-help = write it in Markdown (e.g. **bold**, [link](/servizi/)); the theme takes care of the page's markup
md-heading-attrs = heading attributes are not allowed: `{ $attrs }`
md-heading-attrs-help = a heading may only be given an anchor, e.g. `{"{"}#annual-fee{"}"}`; remove classes and other attributes
md-heading-id = the anchor `#{ $id }` is not valid
md-heading-id-help = an anchor uses lowercase letters, digits and hyphens and starts with a letter, e.g. `{"{"}#annual-fee{"}"}`
md-too-deep = lists or quotes nested more than { $max } levels deep
md-too-deep-help = use fewer levels: past three or four a text can no longer be read
md-too-many = the text has more than { $max } elements (paragraphs, items, links)
md-too-many-help = split the text into several pages

## vetrina.toml

kind-config = vetrina.toml
config-base-url = `base_url` "{ $url }" is not the http(s) address of a folder
config-base-url-help = write the site's public address, without ? or #, e.g. "https://cst.example.it/" or "https://example.org/cst/"
config-iva-help = write the VAT rate as a string, e.g. "22"
config-tema = `tema` "{ $name }" is not the name of a folder of themes/
config-tema-help = write only the theme's name, e.g. "agid": the theme must be in themes/<name>/ inside the site
config-accessibility = the accessibility statement must be the one published on form.agid.gov.it
config-accessibility-help = paste the link AgID gives you, e.g. "https://form.agid.gov.it/view/<codice>"

## The TOML header of files (+++)

kind-service = a service
kind-tariff = a tariff
kind-convention = a convention
kind-form = a form
kind-page = a page
kind-news = a news item
kind-enti = the list of member Enti
fm-no-front = missing front matter: the file must start with `+++`
fm-yaml-help = front matter is TOML between `+++` lines; replace the `---` lines with `+++` and write keys as `key = "value"`
fm-no-front-help = start the file with a line `+++`, the TOML keys (e.g. `titolo = "..."`), then another line `+++`
fm-not-closed = the front matter is never closed: no second `+++` line
fm-not-closed-help = add a line `+++` after the last TOML key, before the Markdown text
fm-unknown-key = unknown key `{ $key }` in { $kind }
fm-unknown-key-did-you-mean = did you mean `{ $key }`? The keys of every kind of file are documented in docs/contenuti.md
fm-unknown-key-valid = valid keys here: { $keys }
fm-key-under-table = in TOML a key written below a table belongs to that table: `{ $key }` is read as part of `[{ $table }]` (line { $line }). Move `[{ $table }]` and its lines after the other keys, to the end of the front matter
fm-unknown-value = "{ $value }" is not an allowed value
fm-value-did-you-mean = did you mean "{ $value }"? Allowed values: { $list }
fm-value-allowed = allowed values: { $list }
fm-missing = missing required key `{ $key }` in { $kind }
fm-missing-help = add `{ $key } = ...` to the front matter (see docs/contenuti.md)
fm-amount-float = float amount { $value }: amounts must be exact
fm-amount-integer = amount { $value } without quotes
fm-amount-help = amounts are strings in euros, in double quotes, with a dot for the cents, e.g. `importo = "650.00"`
fm-negative = the number { $value } is negative: a count goes here, from 0 up
fm-negative-help = write a whole number without a sign, e.g. `postazioni = 12`
fm-too-large = the number { $value } is too large for this key
fm-too-large-help = check the value: the limits of every key are in the guide (docs/contenuti.md, "Limiti")
fm-wrong-type = wrong type: { $raw }
fm-type-found-expected = found { $found }, expected { $expected }
type-string = a string
type-boolean = true or false
type-integer = a whole number
type-float = a decimal number
type-list = a list
type-table = a table
type-date = a date
fm-type-date-help = write dates without quotes, as YYYY-MM-DD, e.g. `data = 2026-03-15`
fm-type-unquote-help = remove the quotes around the value
fm-type-quote-help = put the value in double quotes
fm-type-list-help = write a list in square brackets, e.g. `["a", "b"]`
fm-type-help = see docs/contenuti.md for the expected type of this key
fm-bad-date = invalid date or number: { $raw }
fm-bad-date-text = invalid date: { $raw }
fm-bad-date-help = dates are written YYYY-MM-DD with a real month (01-12) and day, e.g. `2026-03-15`
fm-invalid-toml = invalid TOML: { $raw }
fm-invalid-toml-help = check quotes, `=` signs and brackets on this line; strings go in double quotes

## Reading files

load-no-config-help = run `vetrina init { $root }` to create a new site, or pass `--root` with the site's folder
load-no-content = the content folder is missing
load-no-content-help = create `content/` with `servizi/`, `tariffe/`, ... (see docs/contenuti.md)
load-folder-unreadable = cannot read the folder: { $why }
load-symlink = this is a symbolic link (symlink): Vetrina neither reads nor publishes files through links
load-symlink-help = replace the link with a copy of the file (a link could publish a file from outside the site)
load-folder-did-you-mean = did you mean `content/{ $folder }/`?
load-folders = content folders are: { $folders }
load-unknown-folder = unknown content folder `{ $folder }`
load-not-markdown = not a Markdown file
load-not-markdown-help = content files end in `.md`; move other files elsewhere (images and documents go in `static/`)
load-subfolder = content files cannot be in sub-folders
load-subfolder-help = move it directly into `content/{ $folder }/`
load-unreadable = cannot read the file: { $why }
load-not-a-file = not a regular file
load-too-large = the file is too large ({ $size } KB; the limit is { $max } KB)
load-too-large-help = split the text into several files: no page of a catalog needs that much text
load-not-utf8 = the file is not UTF-8 text (byte { $byte })
load-not-utf8-help = save the file with UTF-8 encoding

## Errors that cause others

link-also-on = { $message } (and on { $others ->
        [one] one other page
       *[other] { $others } other pages
    })

## vetrina nuovo

nuovo-unknown-kind = "{ $kind }" is not a kind of content: write one of { $kinds }
nuovo-bad-slug = "{ $slug }" cannot be used as a file name: use lowercase letters, digits and hyphens, e.g. rao-pubblico
nuovo-exists = { $path } already exists: Vetrina does not overwrite your files; choose another name
nuovo-no-site = { $root } is not a site's folder (no vetrina.toml): go into the site's folder or use --root
nuovo-io = cannot write { $path }: { $why }
nuovo-done = Created { $path }.
nuovo-next = Complete it following the comments, then check it with `vetrina check` (or see the preview with `vetrina serve`).

## The preview (vetrina serve)

serve-bind = cannot listen on { $addr }: { $why } (is the port used by another program? choose another one with `--port`)
serve-watch = cannot watch { $path } for changes: { $why }
serve-watch-failed = watching the files for changes failed: { $why }
serve-stopping = Stopping the preview…
serve-stopped = Preview stopped; temporary folder removed.
serve-tmp-left = cannot remove the temporary folder { $path }: { $why }
serve-built = Site built: { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } in { $seconds } s
serve-first-errors = { $count ->
        [one] 1 error: the pages show it until it is fixed.
       *[other] { $count } errors: the pages show them until they are fixed.
    }
serve-rebuilt = Site rebuilt: { $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } ({ $rendered ->
        [0] none to make again
        [one] 1 made again
       *[other] { $rendered } made again
    }) in { $ms } ms
serve-not-rebuilt = Site not rebuilt: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; the pages stay as they were.
serve-search-updated = Search index updated ({ $files } files) in { $ms } ms
serve-listening = Previewing { $root } at { $url } (Ctrl-C to stop)

## The built site's folder

write-contains-site = refusing to write the site into { $path }: it contains the site itself
write-inside-sources = refusing to write the site into { $path }: it is inside a folder the editors write
write-unsafe-help = choose an output folder outside `content/` and `themes/` that is not the site root
write-not-ours = refusing to replace { $path }: it exists and was not made by vetrina (no { $marker } file in it)
write-not-ours-help = empty or remove that folder yourself, or choose another one with `--output`
write-escapes = output path `{ $path }` escapes the output folder
write-bug-help = this is a bug in Vetrina: please report it
write-io = cannot write { $path }: { $why }
write-io-help = check the permissions and the free space of the output's parent folder
write-in-place = cannot update the contents of { $path }, a mount point (e.g. a container volume) that cannot be replaced as a whole: { $why }
write-in-place-help = the files already moved were put back, so the published site is the previous one; check the permissions and the free space of the volume and try again
serve-overlay-title = The page is not up to date: { $count ->
        [one] 1 error
       *[other] { $count } errors
    }

## Command-line errors

cli-err-subcommand = "{ $name }" is not a Vetrina command
cli-err-argument = the option "{ $name }" does not exist for this command
cli-err-value = the value "{ $value }" is not valid for { $name }
cli-err-missing = { $name } is missing
cli-err-no-command = a command is missing: build, check, serve, init, nuovo, preventivo or schema
cli-err-help = For the list of commands and options: vetrina --help (or vetrina <command> --help).

## vetrina preventivo

cli-preventivo = Price one or more services for an Ente, with the site's own engine
cli-preventivo-root = { cli-build-root }
cli-preventivo-servizio = The slug of a service to price (repeatable), for example rao-pubblico
cli-preventivo-ente = An Ente of content/dati/enti.toml, by name: its type and figures are taken from there
cli-preventivo-tipo = Kind of Ente: comune, unione, comunita-montana or altro
cli-preventivo-abitanti = Number of inhabitants
cli-preventivo-postazioni = Number of workstations
cli-preventivo-imprese = Number of businesses based in the Ente
cli-preventivo-utenti = Number of users
cli-preventivo-persone = Number of persons
cli-preventivo-anni = Years of the multi-year total (1 to 30)
cli-preventivo-dal = The day the Ente joins or the service starts, for example 15/04/2027: items charged in proportion in their first year start from it
cli-preventivo-voce = An optional item chosen, with its quantity: ID or ID=N, or SERVICE:ID=N (repeatable)
cli-preventivo-non_aderente = The Ente is not a member of the CST (list prices; members-only services are not available)
cli-preventivo-json = Write the quote as JSON, with the pricing engine's object for each service
quote-no-service = no service given: name one with --servizio, for example --servizio rao-pubblico
quote-unknown-service = there is no service «{ $slug }»; the services are: { $list }
quote-unknown-service-close = there is no service «{ $slug }»: did you mean «{ $close }»?
quote-no-tariff = the service «{ $slug }» has no tariff, so there is no price to compute
quote-unknown-ente = the Ente «{ $name }» is not in content/dati/enti.toml; write the name as it is there, or give the type and figures with --tipo, --abitanti, ...
quote-unknown-ente-close = the Ente «{ $name }» is not in content/dati/enti.toml: did you mean «{ $close }»?
quote-bad-type = there is no kind of Ente «{ $value }»: write comune, unione, comunita-montana or altro
quote-too-many = { $option } can be at most { $max }
quote-bad-years = --anni goes from 1 to { $max }
quote-bad-start = --dal «{ $value }» is not a date: write it as 15/04/2027 (day, month, year)
quote-bad-quantity = in «--voce { $spec }» the quantity after = must be a whole number, for example spid-day=3
quote-quantity-range = in «--voce { $spec }» the quantity goes from { $min } to { $max }
quote-no-max = unlimited
quote-no-quantity = the item «{ $id }» has no quantity: write it without =N
quote-unknown-item = the item «{ $id }» is not in the chosen tariffs; the items are: { $list }
quote-unknown-item-close = the item «{ $id }» is not in the chosen tariffs: did you mean «{ $close }»?
quote-too-large = the price of «{ $service }» for these figures is too large to show exactly: check the figures
quote-heading = Quote of { $site }
quote-ente-named = Ente: { $name } ({ $kind }{ $figures })
quote-ente = Ente: { $kind }{ $figures }
quote-member = member of the CST
quote-non-member = not a member of the CST
quote-years = { $member }; totals over { $years ->
        [one] 1 year
       *[other] { $years } years
    }
quote-members-only = Service reserved to the CST's members: not available to a non-member.
quote-vat = Amounts before VAT; VAT { $rate }.
quote-validity = Validity
quote-payment = Payment
quote-total-net = Totals before VAT: { $one_off } one-off and { $yearly } yearly.
quote-total-vat = VAT: { $one_off } on the one-off items and { $yearly } on the yearly ones.
quote-first-year-share = Yearly costs of the first year, in proportion from { $start }: { $net } plus VAT { $vat }.
quote-first-year = First year, VAT included: { $amount }
quote-all-years = Over { $years } years, VAT included: { $amount }
quote-excluded-members = Left out of the totals as reserved to the CST's members: { $service }.
quote-excluded-on-request = Left out of the totals, the items on request of «{ $service }»: write to { $contact }.

# The content schema (`vetrina schema`, `schemi/` in the site).
schema-title = Vetrina: { $kind } (content schema)
cli-schema = Writes the JSON Schema of each content kind (service, tariff, form, ...), for text editors and other tools
cli-schema-cartella = The folder to write them into
schema-done = Wrote { $count } schemas into { $dir }. The same are published in the site under /schemi/.

# The browser editing interface (Decap CMS, admin/).
cms-title = Content editing – { $site }
cms-body = Text
cms-amount-hint = An amount in euros with a point for decimals, e.g. 650.00
cms-servizio = Service
cms-servizio-plural = Services
cms-tariffa = Tariff
cms-tariffa-plural = Tariffs
cms-modulo = Form
cms-modulo-plural = Forms
cms-convenzione = Convention
cms-convenzione-plural = Conventions
cms-notizia = News item
cms-notizia-plural = News
cms-pagina = Page
cms-pagina-plural = Pages
cms-enti = Member Enti
cms-enti-plural = Member Enti
cms-api-bad-request = invalid request from the interface: { $why } is missing or wrong
cms-api-refused = «{ $path }» cannot be edited from the browser: only the .md and .toml files of content/ and the images of static/immagini/
cms-api-unknown = the interface asked for «{ $action }», which Vetrina does not know
cms-api-io = cannot read { $path }: { $why }
cms-api-origin = request refused: only the preview's pages may edit the files
serve-cms = Edit in the browser: { $url }

# [cms] in vetrina.toml.
config-cms-repo = `cms.repository` must be written owner/name, not «{ $repo }»
config-cms-repo-help = e.g. `repository = "cst-valdorsa/sito"`: the name as in the repository's address on GitHub or GitLab
config-cms-missing = `{ $key }` is missing in `[cms]`
config-cms-github-help = GitHub signs editors in through an OAuth server: write its address in `server_accesso = "https://..."` (see docs/contenuti.md)
config-cms-gitlab-help = write the ID of the OAuth application made in GitLab (Settings → Applications) in `app_id = "..."`
