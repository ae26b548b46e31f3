package web

import "html/template"

// surveyPage is bilingual, as the unsubscribe page is: its reader is a
// customer, not a user with a language setting. Each score is a link, so
// that the email's own links and this page work alike, with one click.
var surveyPage = template.Must(template.New("s").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>满意度 · Satisfaction</title></head><body>
{{if .Unknown}}<p>此链接无效。</p><p>This link is not valid.</p>
{{else if .Closed}}<p>此调查已结束，感谢您的关注。</p><p>This survey is closed. Thank you.</p>
{{else}}
{{if .Done}}<p id="thanks">感谢您的评价：{{.Score}} 分。</p><p>Thank you for your rating: {{.Score}} out of 5.</p>
<p>如需修改，请点击其他分数。 To change it, click another score.</p>
{{else}}<p>请为我们的服务打分（5 = 非常满意）：</p><p>How satisfied are you with our service (5 = very satisfied)?</p>{{end}}
<p id="scores">{{$t := .Token}}{{$s := .Score}}
<a href="/satisfaction/{{$t}}/5"{{if eq $s 5}} aria-current="true"{{end}}>5 非常满意 · very satisfied</a><br>
<a href="/satisfaction/{{$t}}/4"{{if eq $s 4}} aria-current="true"{{end}}>4 满意 · satisfied</a><br>
<a href="/satisfaction/{{$t}}/3"{{if eq $s 3}} aria-current="true"{{end}}>3 一般 · neutral</a><br>
<a href="/satisfaction/{{$t}}/2"{{if eq $s 2}} aria-current="true"{{end}}>2 不满意 · dissatisfied</a><br>
<a href="/satisfaction/{{$t}}/1"{{if eq $s 1}} aria-current="true"{{end}}>1 非常不满意 · very dissatisfied</a></p>
{{end}}
</body></html>`))
