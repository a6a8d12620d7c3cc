//! The fixed wording of a page in each language, as the official pages write it.

/// A page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// Both languages, in folder order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// `en` or `ru`: the folder the pages go to.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language called `code`, if any.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Headings, table headers and fixed sentences.
pub(super) struct Words {
    pub(super) who: &'static str,
    pub(super) params: &'static str,
    pub(super) required_note: &'static str,
    pub(super) name: &'static str,
    pub(super) ty: &'static str,
    pub(super) description: &'static str,
    pub(super) no_params: &'static str,
    pub(super) one_of: &'static str,
    pub(super) examples: &'static str,
    pub(super) examples_note: &'static str,
    pub(super) response: &'static str,
    pub(super) http_status: &'static str,
    pub(super) returned: &'static str,
    pub(super) time: &'static str,
    pub(super) detailed: &'static str,
    pub(super) nullable: &'static str,
    pub(super) empty_is_none: &'static str,
    pub(super) since: &'static str,
    /// Labels of the error classes: retry later, refresh token, reauthorize, fix, give up.
    pub(super) classes: [&'static str; 5],
    /// "(after N s)" around the seconds.
    pub(super) after: (&'static str, &'static str),
    pub(super) absent: &'static str,
    pub(super) result_object: &'static str,
    pub(super) errors: &'static str,
    pub(super) error_info: &'static str,
    pub(super) codes: &'static str,
    pub(super) status: &'static str,
    pub(super) code: &'static str,
    pub(super) value: &'static str,
    pub(super) system_errors: &'static str,
    pub(super) no_codes: &'static str,
    pub(super) differences: &'static str,
    pub(super) differences_intro: &'static str,
    pub(super) server_does: &'static str,
    pub(super) source: &'static str,
}

pub(super) const EN: Words = Words {
    who: "Who can execute the method",
    params: "Method Parameters",
    required_note: "Note on required parameters",
    name: "Name",
    ty: "type",
    description: "Description",
    no_params: "No parameters.",
    one_of: "Pass exactly one of",
    examples: "Code Examples",
    examples_note: "Note on Examples",
    response: "Response Handling",
    http_status: "HTTP Status",
    returned: "Returned Data",
    time: "Information about the request execution time",
    detailed: "(detailed description)",
    nullable: "May be `null`.",
    empty_is_none: "`\"\"` when there is none.",
    since: "Since revision",
    classes: [
        "Retry later",
        "Refresh the token and retry",
        "Authorize again",
        "Fix the request",
        "Do not retry",
    ],
    after: ("after ", " s"),
    absent: "Not always sent:",
    result_object: "Result Object",
    errors: "Error Handling",
    error_info: "error handling",
    codes: "Possible Error Codes",
    status: "Status",
    code: "Code",
    value: "Value",
    system_errors: "system errors",
    no_codes: "The method has no error codes of its own; see the system errors below.",
    differences: "Where the Server Differs from the Pages",
    differences_intro: "This page follows what the portal's own code sends. Where official pages said otherwise:",
    server_does: "the server",
    source: "source",
};

pub(super) const RU: Words = Words {
    who: "Кто может выполнять метод",
    params: "Параметры метода",
    required_note: "Сноска об обязательных параметрах",
    name: "Название",
    ty: "тип",
    description: "Описание",
    no_params: "Без параметров.",
    one_of: "Передайте ровно один из параметров",
    examples: "Примеры кода",
    examples_note: "Сноска о примерах",
    response: "Обработка ответа",
    http_status: "HTTP-статус",
    returned: "Возвращаемые данные",
    time: "Информация о времени выполнения запроса",
    detailed: "(подробное описание)",
    nullable: "Может быть `null`.",
    empty_is_none: "`\"\"`, если значения нет.",
    since: "С ревизии",
    classes: [
        "Повторите позже",
        "Обновите токен и повторите",
        "Авторизуйтесь заново",
        "Исправьте запрос",
        "Повтор не поможет",
    ],
    after: ("через ", " с"),
    absent: "Передаётся не всегда:",
    result_object: "Объект result",
    errors: "Обработка ошибок",
    error_info: "обработка ошибок",
    codes: "Возможные коды ошибок",
    status: "Статус",
    code: "Код",
    value: "Значение",
    system_errors: "системные ошибки",
    no_codes: "Собственных кодов ошибок у метода нет; см. системные ошибки ниже.",
    differences: "Где сервер расходится со страницами",
    differences_intro: "Страница описывает то, что отправляет код портала. Где официальные страницы говорили иное:",
    server_does: "сервер",
    source: "источник",
};

impl Lang {
    pub(super) fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }
}
