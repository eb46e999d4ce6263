import { render } from 'preact';
import { App } from './App';
import { t } from './i18n';
import './popup.css';

// The language of the messages shown, which may be the fallback rather than the browser's.
document.documentElement.lang = t('lang');
document.title = t('extName');
render(<App />, document.getElementById('app')!);
