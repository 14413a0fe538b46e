/*
 * Vetrina AgID theme: the little behaviour the pages need, without dependencies and
 * without inline code (the site works under a strict Content-Security-Policy).
 *
 * 1. The page clarity rating ([data-vetrina-rating]): choosing 1-3 stars shows the
 *    "negative" follow-up question, 4-5 the "positive" one; "Avanti" goes to the free
 *    text, then to the thanks. Steps are shown and hidden with the `d-none` class.
 *    Nothing is sent: a static site has nowhere to send the answers; the thanks link
 *    ([data-rating-send]) opens an e-mail with them written in, for the person to send.
 * 2. Printable forms: the "Stampa" button ([data-vetrina-print]) is shown only when
 *    this script runs, and the forms never submit.
 * 3. Wide tables (.table-responsive) that scroll sideways on small screens become
 *    focusable regions named by their caption, so they can be scrolled by keyboard.
 *
 * Works loaded at the end of <body> or with `defer`.
 */
(function () {
  'use strict';

  function toggle(el, visible) {
    if (el) {
      el.classList.toggle('d-none', !visible);
    }
  }

  function initRating(root) {
    var stars = root.querySelectorAll('.rating input[type="radio"]');
    var first = root.querySelector('[data-rating-first]');
    var steps = root.querySelector('[data-rating-steps]');
    var step1 = root.querySelector('[data-rating-step="1"]');
    var step2 = root.querySelector('[data-rating-step="2"]');
    var positive = root.querySelector('[data-element="feedback-rating-positive"]');
    var negative = root.querySelector('[data-element="feedback-rating-negative"]');
    var thanks = root.querySelector('[data-rating-thanks]');
    var status = root.querySelector('[data-rating-status]');
    var back = root.querySelector('[data-rating-back]');
    var next = root.querySelector('[data-rating-next]');
    var step = 0;

    function rating() {
      var checked = root.querySelector('.rating input[type="radio"]:checked');
      return checked ? parseInt(checked.value, 10) : 0;
    }

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    // Synchronous on purpose: the AgID validator checks visibility right after a click.
    function render() {
      var value = rating();
      toggle(first, step < 3);
      toggle(steps, step === 1 || step === 2);
      toggle(step1, step === 1);
      toggle(positive, step === 1 && value > 3);
      toggle(negative, step === 1 && value > 0 && value <= 3);
      toggle(step2, step === 2);
      toggle(thanks, step === 3);
    }

    // The answers as an e-mail the person can send: page, stars, aspect, detail.
    function mailAnswers() {
      var link = root.querySelector('[data-rating-send]');
      if (!link) {
        return;
      }
      var value = rating();
      var aspect = root.querySelector((value > 3 ? '[data-element="feedback-rating-positive"]' : '[data-element="feedback-rating-negative"]') + ' input:checked');
      var aspectLabel = aspect ? root.querySelector('label[for="' + aspect.id + '"]').textContent.trim() : '(nessuna risposta)';
      var detail = root.querySelector('[data-element="feedback-input-text"]');
      var body = [
        'Pagina: ' + window.location.href,
        'Chiarezza: ' + value + ' su 5',
        (value > 3 ? 'Aspetti preferiti: ' : 'Difficoltà: ') + aspectLabel,
        'Dettaglio: ' + ((detail && detail.value.trim()) || '(nessuno)')
      ].join('\n');
      var address = link.getAttribute('href').split('?')[0];
      link.setAttribute('href', address + '?subject=' + encodeURIComponent('Parere sulla pagina «' + document.title + '»') + '&body=' + encodeURIComponent(body));
    }

    function focusFirstIn(el) {
      var target = el && el.querySelector('input, textarea, select, button');
      if (target) {
        target.focus();
      }
    }

    Array.prototype.forEach.call(stars, function (star) {
      star.addEventListener('change', function () {
        step = 1;
        render();
        say('Valutazione ' + rating() + ' su 5. Segue una domanda facoltativa.');
      });
    });

    if (next) {
      next.addEventListener('click', function () {
        if (step === 1) {
          step = 2;
          render();
          focusFirstIn(step2);
        } else if (step === 2) {
          step = 3;
          render();
          mailAnswers();
          say('Grazie per il vostro parere.');
          if (thanks) {
            thanks.focus();
          }
        }
      });
    }

    if (back) {
      back.addEventListener('click', function () {
        if (step === 2) {
          step = 1;
          render();
          focusFirstIn(rating() > 3 ? positive : negative);
        } else if (step === 1) {
          var checked = root.querySelector('.rating input[type="radio"]:checked');
          step = 0;
          if (checked) {
            checked.checked = false;
          }
          render();
          if (stars.length) {
            stars[stars.length - 1].focus();
          }
        }
      });
    }

    render();
  }

  function initPrint() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-vetrina-print]'), function (button) {
      button.classList.remove('d-none');
      button.addEventListener('click', function () {
        window.print();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('form[data-vetrina-print-form]'), function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
      });
    });
  }

  var tableCount = 0;

  function updateScrollableTables() {
    Array.prototype.forEach.call(document.querySelectorAll('.table-responsive'), function (box) {
      var hasFocusable = box.querySelector('a[href], input, select, textarea, button');
      var caption = box.querySelector('caption');
      if (!hasFocusable && box.scrollWidth > box.clientWidth + 1) {
        if (caption && !caption.id) {
          tableCount += 1;
          caption.id = 'vetrina-tabella-' + tableCount;
        }
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'region');
        if (caption) {
          box.setAttribute('aria-labelledby', caption.id);
        }
      } else if (box.getAttribute('role') === 'region') {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-labelledby');
      }
    });
  }

  function init() {
    var timer = null;
    Array.prototype.forEach.call(document.querySelectorAll('[data-vetrina-rating]'), initRating);
    initPrint();
    updateScrollableTables();
    window.addEventListener('resize', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(updateScrollableTables, 200);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
