import './app/pesanin-app.js';
