"""What the tests and the bench use to look at the built site (a local server with a throttled link,
Chromium dated the rules' day, the service worker's cache, the built pages); never shipped with it."""
