// In its own file, not inline: the review pages' Content-Security-Policy runs only the gateway's own scripts.
SmartLaunch.complete().then(() => location.replace('index.html')).catch(e => { document.getElementById('status').textContent = e.message; });
