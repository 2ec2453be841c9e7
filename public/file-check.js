// Runs where the module script cannot: opened from disk (file://), browsers refuse the
// module script and the WebAssembly, so the page would say "Loading Stance…" forever.
// Instead, show why it cannot start and what to do (the explanation is in index.html).
(function () {
  if (window.location.protocol !== 'file:') return;
  var boot = document.getElementById('stance-boot');
  var explanation = document.getElementById('stance-boot-file');
  if (!boot || !explanation) return;
  boot.setAttribute('role', 'alert');
  var loading = boot.querySelector('.boot__message');
  if (loading) loading.hidden = true;
  explanation.hidden = false;
}());
