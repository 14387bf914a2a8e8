package docgen

// A locale is a language the generator can write. Every vocabulary has the
// same length and the same meaning at each index, so a page's translation
// picks the same word indices in every locale: the pages have the same
// structure and about the same size everywhere, only the words differ.
type locale struct {
	Code, Name string
	words      []string
	// sep joins words (Japanese writes none).
	sep string
}

// english is also the source of heading anchors: Learn keeps the English
// ids in translated pages, so links with #anchors work in every locale.
var english = []string{
	"account", "admin", "center", "tenant", "mailbox", "policy", "license", "user",
	"group", "domain", "service", "request", "support", "setting", "report", "device",
	"message", "calendar", "meeting", "team", "channel", "file", "folder", "site",
	"permission", "role", "password", "security", "compliance", "retention", "label", "alert",
	"audit", "log", "search", "export", "import", "migration", "network", "connector",
	"subscription", "billing", "invoice", "payment", "plan", "trial", "contact", "phone",
	"region", "country", "language", "time", "zone", "hour", "update", "release",
	"feature", "preview", "option", "step", "task", "page", "list", "table",
	"configure", "manage", "assign", "remove", "create", "review", "check", "open",
	"select", "enable", "disable", "restore", "sign", "share", "sync", "move",
	"new", "shared", "external", "internal", "global", "default", "custom", "active",
	"the", "a", "for", "with", "in", "to", "and", "your",
}

var dutch = []string{
	"account", "beheer", "centrum", "tenant", "postvak", "beleid", "licentie", "gebruiker",
	"groep", "domein", "service", "aanvraag", "ondersteuning", "instelling", "rapport", "apparaat",
	"bericht", "agenda", "vergadering", "team", "kanaal", "bestand", "map", "site",
	"machtiging", "rol", "wachtwoord", "beveiliging", "naleving", "bewaring", "label", "waarschuwing",
	"controle", "logboek", "zoeken", "export", "import", "migratie", "netwerk", "connector",
	"abonnement", "facturering", "factuur", "betaling", "plan", "proefversie", "contactpersoon", "telefoon",
	"regio", "land", "taal", "tijd", "zone", "uur", "update", "release",
	"functie", "preview", "optie", "stap", "taak", "pagina", "lijst", "tabel",
	"configureren", "beheren", "toewijzen", "verwijderen", "maken", "controleren", "nakijken", "openen",
	"selecteren", "inschakelen", "uitschakelen", "herstellen", "aanmelden", "delen", "synchroniseren", "verplaatsen",
	"nieuw", "gedeeld", "extern", "intern", "wereldwijd", "standaard", "aangepast", "actief",
	"de", "een", "voor", "met", "in", "naar", "en", "uw",
}

var german = []string{
	"Konto", "Admin", "Center", "Mandant", "Postfach", "Richtlinie", "Lizenz", "Benutzer",
	"Gruppe", "Domäne", "Dienst", "Anfrage", "Support", "Einstellung", "Bericht", "Gerät",
	"Nachricht", "Kalender", "Besprechung", "Team", "Kanal", "Datei", "Ordner", "Website",
	"Berechtigung", "Rolle", "Kennwort", "Sicherheit", "Konformität", "Aufbewahrung", "Bezeichnung", "Warnung",
	"Überwachung", "Protokoll", "Suche", "Export", "Import", "Migration", "Netzwerk", "Connector",
	"Abonnement", "Abrechnung", "Rechnung", "Zahlung", "Plan", "Testversion", "Kontakt", "Telefon",
	"Region", "Land", "Sprache", "Zeit", "Zone", "Stunde", "Update", "Release",
	"Feature", "Vorschau", "Option", "Schritt", "Aufgabe", "Seite", "Liste", "Tabelle",
	"konfigurieren", "verwalten", "zuweisen", "entfernen", "erstellen", "überprüfen", "prüfen", "öffnen",
	"auswählen", "aktivieren", "deaktivieren", "wiederherstellen", "anmelden", "teilen", "synchronisieren", "verschieben",
	"neu", "freigegeben", "extern", "intern", "global", "standard", "benutzerdefiniert", "aktiv",
	"der", "ein", "für", "mit", "in", "zu", "und", "Ihr",
}

var french = []string{
	"compte", "admin", "centre", "locataire", "boîte", "stratégie", "licence", "utilisateur",
	"groupe", "domaine", "service", "demande", "support", "paramètre", "rapport", "appareil",
	"message", "calendrier", "réunion", "équipe", "canal", "fichier", "dossier", "site",
	"autorisation", "rôle", "mot de passe", "sécurité", "conformité", "rétention", "étiquette", "alerte",
	"audit", "journal", "recherche", "export", "import", "migration", "réseau", "connecteur",
	"abonnement", "facturation", "facture", "paiement", "forfait", "essai", "contact", "téléphone",
	"région", "pays", "langue", "heure", "fuseau", "horaire", "mise à jour", "version",
	"fonctionnalité", "aperçu", "option", "étape", "tâche", "page", "liste", "tableau",
	"configurer", "gérer", "attribuer", "supprimer", "créer", "examiner", "vérifier", "ouvrir",
	"sélectionner", "activer", "désactiver", "restaurer", "connecter", "partager", "synchroniser", "déplacer",
	"nouveau", "partagé", "externe", "interne", "global", "défaut", "personnalisé", "actif",
	"le", "un", "pour", "avec", "dans", "à", "et", "votre",
}

var japanese = []string{
	"アカウント", "管理", "センター", "テナント", "メールボックス", "ポリシー", "ライセンス", "ユーザー",
	"グループ", "ドメイン", "サービス", "要求", "サポート", "設定", "レポート", "デバイス",
	"メッセージ", "予定表", "会議", "チーム", "チャネル", "ファイル", "フォルダー", "サイト",
	"アクセス許可", "役割", "パスワード", "セキュリティ", "コンプライアンス", "保持", "ラベル", "アラート",
	"監査", "ログ", "検索", "エクスポート", "インポート", "移行", "ネットワーク", "コネクタ",
	"サブスクリプション", "請求", "請求書", "支払い", "プラン", "試用版", "連絡先", "電話",
	"地域", "国", "言語", "時刻", "ゾーン", "時間", "更新", "リリース",
	"機能", "プレビュー", "オプション", "手順", "タスク", "ページ", "一覧", "表",
	"構成する", "管理する", "割り当てる", "削除する", "作成する", "確認する", "チェックする", "開く",
	"選択する", "有効にする", "無効にする", "復元する", "サインイン", "共有する", "同期する", "移動する",
	"新しい", "共有", "外部", "内部", "グローバル", "既定", "カスタム", "アクティブ",
	"の", "を", "に", "で", "と", "へ", "や", "お使いの",
}

// locales lists the languages in the order Options.Locales takes them; the
// first is the default locale.
var locales = []locale{
	{"en-us", "English (United States)", english, " "},
	{"nl-nl", "Nederlands (Nederland)", dutch, " "},
	{"de-de", "Deutsch (Deutschland)", german, " "},
	{"fr-fr", "Français (France)", french, " "},
	{"ja-jp", "日本語 (日本)", japanese, ""},
}

// alertKinds follows the measured mix of a real docset: mostly notes.
var alertKinds = []struct {
	kind   string
	weight int
}{{"NOTE", 67}, {"IMPORTANT", 19}, {"TIP", 12}, {"CAUTION", 2}, {"WARNING", 1}}

// clouds are the monikers the generated site publishes, default first.
var clouds = []struct{ Name, Display string }{
	{"o365-worldwide", "Worldwide"},
	{"o365-21vianet", "Operated by 21Vianet (China)"},
	{"o365-germany", "Germany"},
}
