import './components/pesanin-app/pesanin-app.js';
