import { render } from 'preact';
import { App } from './App';
import { t } from './i18n';
import { loadPopupState } from './use-skin';
import './popup.css';

// The language of the messages shown, which may be the fallback rather than the browser's.
document.documentElement.lang = t('lang');
document.title = t('extName');
// Before the first render: the tab, the record and the page are read while it is drawn.
const loading = loadPopupState();
render(<App loading={loading} />, document.getElementById('app')!);
