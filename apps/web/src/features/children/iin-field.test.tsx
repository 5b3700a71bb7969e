import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { renderIn } from '../../../test/render';
import { iinCheckDigit } from '../../shared/iin';
import { digitsOnly, IIN_VALIDATE_TRIGGER, iinRules } from './iin-field';

// The registration form's IIN field: the person typing learns what is wrong before pressing anything,
// and a wrong number never reaches the server.

/** A valid IIN: YYMMDD, century-and-sex digit, serial, and the check digit of the server's rule. */
const valid = (eleven: string) => `${eleven}${iinCheckDigit(eleven)}`;

function IinForm({ onFinish }: { onFinish: (values: { iin: string }) => void }) {
  const { t } = useTranslation('children');
  return (
    <Form onFinish={onFinish}>
      <Form.Item name="iin" label="IIN" rules={iinRules(t, true)} validateTrigger={IIN_VALIDATE_TRIGGER} normalize={digitsOnly}>
        <Input maxLength={14} />
      </Form.Item>
      <Button htmlType="submit">send</Button>
    </Form>
  );
}

async function typed(value: string, language: 'kk' | 'ru' | 'en' = 'ru') {
  const onFinish = vi.fn();
  await renderIn(language, <IinForm onFinish={onFinish} />);
  const input = await screen.findByLabelText('IIN');
  if (value) await userEvent.type(input, value);
  return { input, onFinish };
}

describe('the IIN field', () => {
  it('says a wrong check digit as soon as the twelfth digit is typed, before any submit', async () => {
    const good = valid('19051460012');
    const wrong = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
    await typed(wrong);
    expect(await screen.findByText('Неверная контрольная цифра ИИН: проверьте номер')).toBeTruthy();
  });

  it.each([
    ['a letter, at once', '19051a', 'ИИН состоит из 12 цифр'],
    ['a date that does not exist', valid('19023160012'), 'В этом ИИН нет настоящей даты рождения'],
    ['a century digit out of range', valid('19051470012'), '7-я цифра ИИН — от 1 до 6'],
  ])('names the problem: %s', async (_what, value, message) => {
    await typed(value);
    expect(await screen.findByText(message)).toBeTruthy();
  });

  it('waits while the number is being typed, and says it is short once the field is left', async () => {
    const { input } = await typed('190514');
    expect(screen.queryByText('ИИН состоит из 12 цифр')).toBeNull();
    await userEvent.click(document.body);
    input.blur();
    expect(await screen.findByText('ИИН состоит из 12 цифр')).toBeTruthy();
  });

  it('sends nothing while the IIN is wrong, and the digits without spaces once it is right', async () => {
    const good = valid('19051460012');
    const { input, onFinish } = await typed(`${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good[11]}`);
    await userEvent.click(screen.getByRole('button', { name: 'send' }));
    await screen.findByText('Неверная контрольная цифра ИИН: проверьте номер');
    expect(onFinish).not.toHaveBeenCalled();

    await userEvent.clear(input);
    await userEvent.type(input, `${good.slice(0, 6)} ${good.slice(6)}`);
    await userEvent.click(screen.getByRole('button', { name: 'send' }));
    await waitFor(() => expect(onFinish).toHaveBeenCalledWith({ iin: good }));
  });

  it('speaks the language of the user', async () => {
    await typed('1905', 'kk');
    await userEvent.click(screen.getByRole('button', { name: 'send' }));
    const kk = (await import('../../shared/i18n/locales/kk/children.json')).default as { iinProblem: { FORMAT: string } };
    expect(await screen.findByText(kk.iinProblem.FORMAT)).toBeTruthy();
  });
});
